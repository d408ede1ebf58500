import KGAutodiff
import KGTensor

/// A model whose layer-0 user and item embeddings can start from another trained model's, as
/// NGCF's reference code starts from MF-BPR's (`--pretrain -1`): the propagation then refines
/// embeddings that already rank, instead of random ones.
protocol WarmStartable: Recommender {
    var userCount: Int { get }
    var itemCount: Int { get }
    /// Replaces the layer-0 embeddings: `users` is userCount × d, `items` itemCount × d.
    func setInitialEmbeddings(users: Tensor, items: Tensor) throws(ModelError)
}

extension Checkpoint {
    /// The layer-0 user and item embeddings the checkpoint holds: MF-BPR's two tables, or the
    /// stacked users-then-items table of LightGCN and NGCF split after `userCount` rows. The
    /// checkpoint must come from the same data (the same users and items in the same order).
    func userItemEmbeddings(userCount: Int, itemCount: Int) throws(ModelError) -> (users: Tensor, items: Tensor) {
        func table(_ name: String) -> Tensor? { parameters.first { $0.name == name }?.tensor }
        if let users = table("user_embedding"), let items = table("item_embedding") {
            guard users.rows == userCount && items.rows == itemCount else {
                throw .incompatibleCheckpoint("it holds \(users.rows) users and \(items.rows) items, the data has "
                                              + "\(userCount) and \(itemCount); warm starts need the same dataset")
            }
            return (users, items)
        }
        if let stacked = table("embedding") {
            guard stacked.rows == userCount + itemCount else {
                throw .incompatibleCheckpoint("its embedding table has \(stacked.rows) rows, the data has \(userCount) users "
                                              + "and \(itemCount) items; warm starts need the same dataset")
            }
            return (stacked.rows(0..<userCount), stacked.rows(userCount..<(userCount + itemCount)))
        }
        throw .incompatibleCheckpoint("a '\(model)' checkpoint has no user and item embedding tables to start from; "
                                      + "use one of mf, lightgcn or ngcf")
    }

    /// Sets `model`'s layer-0 embeddings to this checkpoint's (see `userItemEmbeddings`).
    package func warmStart(_ model: any Recommender) throws(ModelError) {
        guard let target = model as? any WarmStartable else {
            throw .incompatibleCheckpoint("'\(model.name)' cannot start from another model's embeddings; mf, lightgcn and ngcf can")
        }
        let (users, items) = try userItemEmbeddings(userCount: target.userCount, itemCount: target.itemCount)
        try target.setInitialEmbeddings(users: users, items: items)
    }
}

extension WarmStartable {
    /// Checks that `users` and `items` are userCount × `dimension` and itemCount × `dimension`.
    func checkInitialEmbeddings(users: Tensor, items: Tensor, dimension: Int) throws(ModelError) {
        guard users.rows == userCount && items.rows == itemCount else {
            throw .incompatibleCheckpoint("it holds \(users.rows) users and \(items.rows) items, the model \(userCount) and \(itemCount)")
        }
        guard users.columns == dimension && items.columns == dimension else {
            throw .incompatibleCheckpoint("its embeddings are \(users.columns) wide, '\(name)' here needs \(dimension) (--dim)")
        }
    }
}

extension MatrixFactorization: WarmStartable {
    func setInitialEmbeddings(users: Tensor, items: Tensor) throws(ModelError) {
        try checkInitialEmbeddings(users: users, items: items, dimension: config.dimension)
        userEmbedding.value = users
        itemEmbedding.value = items
    }
}

extension LightGCN: WarmStartable {
    func setInitialEmbeddings(users: Tensor, items: Tensor) throws(ModelError) {
        try checkInitialEmbeddings(users: users, items: items, dimension: config.dimension)
        embedding.value = Tensor.concatRows([users, items])
    }
}

extension NGCF: WarmStartable {
    func setInitialEmbeddings(users: Tensor, items: Tensor) throws(ModelError) {
        try checkInitialEmbeddings(users: users, items: items, dimension: config.dimension)
        embedding.value = Tensor.concatRows([users, items])
    }
}
