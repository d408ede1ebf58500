import KGGraph
import KGModels
import KGStore

/// Which users and items of the current store a stored model learned, and how to restore it
/// when imports have added users or items since it was trained.
///
/// Models number users and items densely in node-id order, and the store gives new nodes larger
/// ids, so a model trained on the first U users and I items still fits them after an import adds
/// more: its row of each learned node is unchanged. That holds unless an import turned an older
/// entity into a user or item (its id then falls among the learned ones), so a checkpoint records
/// how many users and items it learned and a digest of their ids, and the prefix is used only when
/// the digests match. Models that learn only from interactions (`mf`, `lightgcn`, `ngcf`) are then
/// rebuilt on the learned users and items; the others need the whole graph as it was and are refused.
struct ModelCoverage {
    /// The model's row of each node (indexed by node id), or -1 when the model did not learn it.
    var userRows: [Int32]
    var itemRows: [Int32]
    /// The interactions the model is restored on: all of them, or those among the learned
    /// users and items (locally indexed) when the store has grown since training.
    var data: InteractionMatrix
    /// What the model leaves out: "model 'mf' was trained at store revision 3; …", or nil.
    var note: String?
    /// The store revision the model was trained at, and the current one.
    var trainedRevision: Int64
    var revision: Int64

    /// The configuration keys a checkpoint records its users and items under.
    static let userCountKey = "user_count", itemCountKey = "item_count"
    static let userDigestKey = "user_ids_fnv1a", itemDigestKey = "item_ids_fnv1a"

    /// Models restored on the learned users and items alone: they read nothing but interactions.
    static let interactionOnlyModels: Set<String> = ["mf", "lightgcn", "ngcf"]

    /// The configuration entries that let a checkpoint trained on `data` be checked against a later store.
    static func entries(data: InteractionMatrix, snapshot: GraphSnapshot) -> [(key: String, value: String)] {
        [(userCountKey, String(data.userCount)), (itemCountKey, String(data.itemCount)),
         (userDigestKey, digest(data.users, snapshot)), (itemDigestKey, digest(data.items, snapshot))]
    }

    /// FNV-1a (64-bit) of the nodes' external ids, each followed by a newline, in hexadecimal.
    static func digest(_ nodes: some Collection<Int32>, _ snapshot: GraphSnapshot) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for node in nodes {
            for byte in snapshot.externalIDs[Int(node)].utf8 + [0x0A] {
                hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    /// The coverage of `checkpoint` (stored at `stored.revision`) on `snapshot`, whose full
    /// interaction matrix is `data`. Throws an actionable error when the model cannot rank the
    /// store as it is now.
    init(checkpoint: Checkpoint, stored: StoredCheckpoint, data: InteractionMatrix,
         snapshot: GraphSnapshot) throws(KGRecError) {
        trainedRevision = stored.revision
        revision = snapshot.revision
        let model = checkpoint.model
        let users = checkpoint.setting(Self.userCountKey).flatMap { Int($0) }
        let items = checkpoint.setting(Self.itemCountKey).flatMap { Int($0) }
        // Checkpoints saved before these keys existed are restored on everything, as they were.
        guard let users, let items, users != data.userCount || items != data.itemCount else {
            (userRows, itemRows, self.data, note) = (data.userIndex, data.itemIndex, data, nil)
            return
        }
        let newUsers = data.userCount - users, newItems = data.itemCount - items
        let unlearned = Self.count(newItems, "item") + (newItems > 0 && newUsers > 0 ? " and " : "") + Self.count(newUsers, "user")
        let retrain = "retrain with 'kgrec train \(model)'"
        guard users <= data.userCount, items <= data.itemCount,
              checkpoint.setting(Self.userDigestKey) == Self.digest(data.users.prefix(users), snapshot),
              checkpoint.setting(Self.itemDigestKey) == Self.digest(data.items.prefix(items), snapshot) else {
            throw .failed("model '\(model)' was trained at store revision \(stored.revision) on other users and items "
                          + "than the store holds at revision \(snapshot.revision); \(retrain)")
        }
        guard Self.interactionOnlyModels.contains(model) else {
            throw .failed("model '\(model)' was trained at store revision \(stored.revision) and cannot rank the store at "
                          + "revision \(snapshot.revision), which has \(unlearned) it has not learned; \(retrain)")
        }
        userRows = data.userIndex.map { $0 < Int32(users) ? $0 : -1 }
        itemRows = data.itemIndex.map { $0 < Int32(items) ? $0 : -1 }
        self.data = Self.restricted(data, users: users, items: items)
        note = "model '\(model)' was trained at store revision \(stored.revision); the store is at revision "
            + "\(snapshot.revision) with \(unlearned) it has not learned; \(retrain) to include "
            + (newUsers + newItems == 1 ? "it" : "them")
    }

    /// "1 item", "3 users", "" for none.
    static func count(_ n: Int, _ noun: String) -> String {
        n == 0 ? "" : "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// The interactions among the first `users` users and `items` items of `data`.
    static func restricted(_ data: InteractionMatrix, users: Int, items: Int) -> InteractionMatrix {
        func pairs(_ csr: CSR) -> [(Int32, Int32)] {
            var out: [(Int32, Int32)] = []
            for u in 0..<users {
                for i in csr.neighbours(u) where i < Int32(items) { out.append((Int32(u), i)) }
            }
            return out
        }
        return InteractionMatrix(userCount: users, itemCount: items, train: pairs(data.train),
                                 valid: pairs(data.valid), test: pairs(data.test))
    }

    /// Why `node` (a user or an item the model did not learn) cannot be ranked by `model`.
    func newerThanModel(kind: NodeKind, id: String, model: String) -> String {
        "\(kind.name) '\(id)' is newer than model '\(model)', trained at store revision \(trainedRevision) "
            + "(the store is at revision \(revision)); retrain with 'kgrec train \(model)' to include it"
    }
}
