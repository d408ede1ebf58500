import KGImport
import KGTensor

/// The bundled demo: a product ontology of 32 classes, a catalog of 300 items with
/// categories, tags, prices and brands, and 100 users with about 3,000 interactions.
///
/// Generated deterministically from a fixed seed, so the files committed in `Ontologies/`
/// are exactly `DemoCatalog.generate()` (a test checks it). Users favour two or three leaf
/// categories; item popularity within a category is Zipf-like; each user's last 10% of
/// interactions (by time) are held out as test and the 10% before as valid.
public enum DemoCatalog {
    /// The namespace of every demo IRI; importing with it as an id namespace gives short ids (`i7`).
    public static let namespace = "https://kgrec.dev/demo/"
    /// The file names in `Ontologies/`.
    public static let ontologyFile = "demo-ontology.nt"
    public static let catalogFile = "demo-catalog.nt"
    public static let interactionsFile = "demo-interactions.csv"

    /// The generated files: name → contents.
    public static func generate(seed: UInt64 = 2026) -> [(name: String, contents: String)] {
        var rng = SeededRNG(seed: seed)
        let items = makeItems(&rng)
        return [
            (ontologyFile, ontologyTriples()),
            (catalogFile, catalogTriples(items)),
            (interactionsFile, interactionsCSV(items, &rng)),
        ]
    }

    // MARK: Ontology

    /// (id, label, parent id or nil).
    static let categories: [(String, String, String?)] = [
        ("Product", "Product", nil),
        ("Apparel", "Apparel", "Product"),
        ("Footwear", "Footwear", "Apparel"),
        ("RunningShoes", "Running Shoes", "Footwear"),
        ("HikingBoots", "Hiking Boots", "Footwear"),
        ("Sandals", "Sandals", "Footwear"),
        ("Outerwear", "Outerwear", "Apparel"),
        ("RainJackets", "Rain Jackets", "Outerwear"),
        ("Fleeces", "Fleeces", "Outerwear"),
        ("BaseLayers", "Base Layers", "Apparel"),
        ("Outdoor", "Outdoor", "Product"),
        ("Camping", "Camping", "Outdoor"),
        ("Tents", "Tents", "Camping"),
        ("SleepingBags", "Sleeping Bags", "Camping"),
        ("Stoves", "Camp Stoves", "Camping"),
        ("Climbing", "Climbing", "Outdoor"),
        ("Cycling", "Cycling", "Outdoor"),
        ("Electronics", "Electronics", "Product"),
        ("Audio", "Audio", "Electronics"),
        ("Headphones", "Headphones", "Audio"),
        ("Speakers", "Speakers", "Audio"),
        ("Cameras", "Cameras", "Electronics"),
        ("Wearables", "Wearables", "Electronics"),
        ("Home", "Home", "Product"),
        ("Kitchen", "Kitchen", "Home"),
        ("Cookware", "Cookware", "Kitchen"),
        ("CoffeeMakers", "Coffee Makers", "Kitchen"),
        ("Furniture", "Furniture", "Home"),
        ("Books", "Books", "Product"),
        ("TravelGuides", "Travel Guides", "Books"),
        ("Cookbooks", "Cookbooks", "Books"),
        ("Fiction", "Fiction", "Books"),
    ]

    /// Leaf category → (product nouns, base price, top-level department).
    static let leaves: [(String, [String], Double, String)] = [
        ("RunningShoes", ["Running Shoe", "Trail Runner", "Racing Flat"], 110, "Apparel"),
        ("HikingBoots", ["Hiking Boot", "Approach Shoe", "Trekking Boot"], 150, "Apparel"),
        ("Sandals", ["Sandal", "Slide", "River Sandal"], 45, "Apparel"),
        ("RainJackets", ["Rain Jacket", "Shell Jacket", "Poncho"], 160, "Apparel"),
        ("Fleeces", ["Fleece", "Fleece Vest", "Grid Hoodie"], 75, "Apparel"),
        ("BaseLayers", ["Base Layer", "Thermal Top", "Wool Tee"], 55, "Apparel"),
        ("Tents", ["Tent", "Bivy", "Tarp Shelter"], 280, "Outdoor"),
        ("SleepingBags", ["Sleeping Bag", "Quilt", "Sleeping Pad"], 180, "Outdoor"),
        ("Stoves", ["Camp Stove", "Cook Kit", "Fuel Canister"], 60, "Outdoor"),
        ("Climbing", ["Harness", "Chalk Bag", "Climbing Rope", "Belay Device"], 70, "Outdoor"),
        ("Cycling", ["Bike Helmet", "Bike Light", "Saddle Bag"], 65, "Outdoor"),
        ("Headphones", ["Headphones", "Earbuds", "Studio Monitor Headphones"], 150, "Electronics"),
        ("Speakers", ["Speaker", "Soundbar", "Party Speaker"], 120, "Electronics"),
        ("Cameras", ["Action Camera", "Mirrorless Camera", "Instant Camera"], 400, "Electronics"),
        ("Wearables", ["Fitness Tracker", "GPS Watch", "Smart Ring"], 200, "Electronics"),
        ("Cookware", ["Skillet", "Dutch Oven", "Saucepan"], 70, "Home"),
        ("CoffeeMakers", ["Pour-Over Kettle", "Espresso Maker", "Coffee Grinder"], 90, "Home"),
        ("Furniture", ["Reading Chair", "Side Table", "Bookshelf"], 220, "Home"),
        ("TravelGuides", ["Travel Guide", "Trail Atlas", "City Guide"], 25, "Books"),
        ("Cookbooks", ["Cookbook", "Baking Book", "Campfire Cookbook"], 30, "Books"),
        ("Fiction", ["Novel", "Short Stories", "Mystery"], 18, "Books"),
    ]

    static let adjectives = ["Alpine", "Stride", "Summit", "Coastal", "Urban", "Classic", "Nomad", "Ridge",
                             "Aurora", "Cascade", "Tempo", "Drift", "Granite", "Canyon", "Meridian", "Juniper"]

    /// Brand id → (label, departments it sells in).
    static let brands: [(String, String, [String])] = [
        ("brand-acme", "Acme", ["Apparel", "Outdoor", "Home"]),
        ("brand-northwind", "Northwind", ["Apparel", "Outdoor"]),
        ("brand-summitgear", "Summit Gear", ["Outdoor"]),
        ("brand-trailhead", "Trailhead", ["Apparel", "Outdoor"]),
        ("brand-lumen", "Lumen", ["Electronics"]),
        ("brand-kestrel", "Kestrel", ["Apparel"]),
        ("brand-orca", "Orca Audio", ["Electronics"]),
        ("brand-pixelworks", "Pixelworks", ["Electronics"]),
        ("brand-hearth", "Hearth & Co", ["Home"]),
        ("brand-brewline", "Brewline", ["Home"]),
        ("brand-paperlantern", "Paper Lantern", ["Books"]),
        ("brand-atlaspress", "Atlas Press", ["Books"]),
        ("brand-velo", "Velo", ["Outdoor", "Electronics"]),
        ("brand-ember", "Ember", ["Home", "Outdoor"]),
        ("brand-granite", "Granite", ["Apparel", "Outdoor"]),
    ]

    static let departmentTags: [String: [String]] = [
        "Apparel": ["waterproof", "breathable", "lightweight", "merino", "recycled", "vegan"],
        "Outdoor": ["ultralight", "four-season", "packable", "waterproof", "durable"],
        "Electronics": ["wireless", "noise-cancelling", "bluetooth", "waterproof", "rechargeable"],
        "Home": ["dishwasher-safe", "induction", "compact", "handmade", "cast-iron"],
        "Books": ["illustrated", "award-winning", "paperback", "hardcover"],
    ]
    static let globalTags = ["bestseller", "eco", "sale", "new"]

    private static func ontologyTriples() -> String {
        var lines = ["# kgrec demo product ontology: 32 classes in a tree (generated by DemoCatalog)."]
        for (id, label, parent) in categories {
            let subject = RDFTerm.iri(namespace + id)
            lines.append(RDFTriple(subject, RDF.type, .iri(RDFS.class_)).description)
            lines.append(RDFTriple(subject, RDFS.label, .literal(label, language: "en")).description)
            if let parent {
                lines.append(RDFTriple(subject, RDFS.subClassOf, .iri(namespace + parent)).description)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Catalog

    struct Item {
        var id: String
        var leaf: Int
        var name: String
        var price: Double
        var brand: Int
        var tags: [String]
        /// Rank within its leaf (0 = most popular).
        var rank: Int
    }

    private static func makeItems(_ rng: inout SeededRNG) -> [Item] {
        var items: [Item] = []
        var usedNames: Set<String> = []
        let perLeaf = 300 / leaves.count, extra = 300 % leaves.count
        for (leafIndex, leaf) in leaves.enumerated() {
            let count = perLeaf + (leafIndex < extra ? 1 : 0)
            let leafBrands = brands.indices.filter { brands[$0].2.contains(leaf.3) }
            for rank in 0..<count {
                var name = adjectives[rng.next(below: adjectives.count)] + " " + leaf.1[rng.next(below: leaf.1.count)]
                var suffix = 2
                while usedNames.contains(name) {
                    name = name.split(separator: " ").prefix(while: { !$0.allSatisfy(\.isNumber) }).joined(separator: " ")
                        + " \(suffix)"
                    suffix += 1
                }
                usedNames.insert(name)
                let spread = 0.5 + rng.nextDouble() * 1.2
                let price = (leaf.2 * spread).rounded() - 0.01
                var tags: [String] = []
                let pool = departmentTags[leaf.3] ?? []
                for _ in 0..<(1 + rng.next(below: 2)) {
                    let tag = pool[rng.next(below: pool.count)]
                    if !tags.contains(tag) { tags.append(tag) }
                }
                if rng.nextDouble() < 0.25 { tags.append(globalTags[rng.next(below: globalTags.count)]) }
                items.append(Item(id: "i\(items.count + 1)", leaf: leafIndex, name: name, price: max(price, 4.99),
                                  brand: leafBrands[rng.next(below: leafBrands.count)], tags: tags, rank: rank))
            }
        }
        return items
    }

    private static func catalogTriples(_ items: [Item]) -> String {
        var lines = ["# kgrec demo catalog: 300 items, 15 brands (generated by DemoCatalog)."]
        for (id, label, _) in brands {
            lines.append(RDFTriple(.iri(namespace + id), Schema.name, .literal(label)).description)
        }
        for item in items {
            let subject = RDFTerm.iri(namespace + item.id)
            lines.append(RDFTriple(subject, RDF.type, .iri(namespace + leaves[item.leaf].0)).description)
            lines.append(RDFTriple(subject, Schema.name, .literal(item.name)).description)
            lines.append(RDFTriple(subject, Schema.price,
                                   .literal(formatPrice(item.price), datatype: XSD.decimal)).description)
            lines.append(RDFTriple(subject, Schema.brand, .iri(namespace + brands[item.brand].0)).description)
            for tag in item.tags {
                lines.append(RDFTriple(subject, Schema.keywords, .literal(tag)).description)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func formatPrice(_ price: Double) -> String {
        let cents = Int((price * 100).rounded())
        let fraction = cents % 100
        return "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    // MARK: Users and interactions

    private static func interactionsCSV(_ items: [Item], _ rng: inout SeededRNG) -> String {
        var byLeaf = [[Int]](repeating: [], count: leaves.count)
        for (index, item) in items.enumerated() { byLeaf[item.leaf].append(index) }
        // Leaf popularity: Zipf over a seeded permutation of the leaves.
        var leafOrder = Array(leaves.indices)
        rng.shuffle(&leafOrder)
        var leafWeight = [Double](repeating: 0, count: leaves.count)
        for (rank, leaf) in leafOrder.enumerated() { leafWeight[leaf] = 1 / Double(rank + 1).squareRoot() }

        var lines = ["user,item,relation,timestamp,split"]
        let start: Int64 = 1_767_225_600 // 2026-01-01T00:00:00Z
        for user in 1...100 {
            var favourites: [Int] = []
            let favouriteCount = 2 + rng.next(below: 2)
            while favourites.count < favouriteCount {
                let leaf = weightedPick(leafWeight, &rng)
                if !favourites.contains(leaf) { favourites.append(leaf) }
            }
            let count = 20 + rng.next(below: 21)
            var chosen: [Int] = []
            var seen: Set<Int> = []
            while chosen.count < count {
                let leaf = rng.nextDouble() < 0.8 ? favourites[rng.next(below: favourites.count)]
                                                  : weightedPick(leafWeight, &rng)
                let candidates = byLeaf[leaf]
                let weights = candidates.map { 1 / Double(items[$0].rank + 1) }
                let item = candidates[weightedPick(weights, &rng)]
                if seen.insert(item).inserted { chosen.append(item) }
            }
            var times = (0..<count).map { _ in start + Int64(rng.next(below: 180 * 86_400)) }
            times.sort()
            let testCount = max(1, count / 10), validCount = max(1, count / 10)
            for (position, item) in chosen.enumerated() {
                let relation = rng.nextDouble() < 0.35 ? "bought" : "viewed"
                let split = position >= count - testCount ? "test"
                    : position >= count - testCount - validCount ? "valid" : "train"
                lines.append("u\(user),\(items[item].id),\(relation),\(times[position]),\(split)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func weightedPick(_ weights: [Double], _ rng: inout SeededRNG) -> Int {
        let total = weights.reduce(0, +)
        var r = rng.nextDouble() * total
        for (index, w) in weights.enumerated() {
            r -= w
            if r < 0 { return index }
        }
        return weights.count - 1
    }
}
