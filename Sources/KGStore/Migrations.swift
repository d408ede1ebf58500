/// The store's schema, as an ordered list of migrations. Migration `n` (1-based) takes a
/// store from `PRAGMA user_version = n-1` to `n`; a store is brought up to date when opened
/// for writing. Never edit a shipped migration: append a new one.
enum Migrations {
    static let all: [String] = [
        // 1: the graph, imports and checkpoints.
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO meta(key, value) VALUES ('revision', '0'), ('format', 'kgrec-store');

        CREATE TABLE nodes (
            id    INTEGER PRIMARY KEY,
            kind  INTEGER NOT NULL,
            ext   TEXT NOT NULL UNIQUE,
            label TEXT
        );

        CREATE TABLE relations (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );

        CREATE TABLE edges (
            src    INTEGER NOT NULL,
            rel    INTEGER NOT NULL,
            dst    INTEGER NOT NULL,
            weight REAL,
            ts     INTEGER,
            split  INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (src, rel, dst)
        ) WITHOUT ROWID;

        CREATE TABLE properties (
            node  INTEGER NOT NULL,
            key   TEXT NOT NULL,
            type  INTEGER NOT NULL,
            value ANY,
            PRIMARY KEY (node, key, value)
        ) WITHOUT ROWID;

        CREATE TABLE labelled_pairs (
            user  INTEGER NOT NULL,
            item  INTEGER NOT NULL,
            label INTEGER NOT NULL,
            split INTEGER NOT NULL,
            PRIMARY KEY (user, item)
        ) WITHOUT ROWID;

        CREATE TABLE imports (
            id       INTEGER PRIMARY KEY,
            source   TEXT NOT NULL,
            format   TEXT NOT NULL,
            revision INTEGER NOT NULL,
            nodes    INTEGER NOT NULL,
            edges    INTEGER NOT NULL,
            at       INTEGER NOT NULL
        );

        CREATE TABLE checkpoints (
            id       INTEGER PRIMARY KEY,
            model    TEXT NOT NULL,
            revision INTEGER NOT NULL,
            metric   TEXT NOT NULL,
            score    REAL NOT NULL,
            summary  TEXT NOT NULL,
            data     BLOB NOT NULL,
            at       INTEGER NOT NULL
        );
        CREATE INDEX checkpoints_by_model ON checkpoints(model, score);
        """,
        // 2: property values keep their type. Migration 1 declared `value ANY`, which in a
        // table that is not STRICT means NUMERIC affinity: SQLite turned the string
        // "012345678" (a GTIN, a DUNS number) into the integer 12345678. A column without a
        // declared type has no affinity and stores each value as bound. Strings already
        // converted come back as text (their lost leading zeros cannot be recovered).
        """
        CREATE TABLE properties_typed (
            node  INTEGER NOT NULL,
            key   TEXT NOT NULL,
            type  INTEGER NOT NULL,
            value,
            PRIMARY KEY (node, key, value)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO properties_typed(node, key, type, value)
            SELECT node, key, type, CASE type WHEN 0 THEN CAST(value AS TEXT) ELSE value END FROM properties;
        DROP TABLE properties;
        ALTER TABLE properties_typed RENAME TO properties;
        """,
        // 3: the primary-key columns of `properties` come first. In a WITHOUT ROWID table
        // SQLite stores the key columns first; with `type` declared before `value`, SQLite's
        // own `PRAGMA integrity_check` (3.40) misread the record and reported "NULL value in
        // properties.type" for every row of a healthy store.
        """
        CREATE TABLE properties_keyed (
            node  INTEGER NOT NULL,
            key   TEXT NOT NULL,
            value,
            type  INTEGER NOT NULL,
            PRIMARY KEY (node, key, value)
        ) WITHOUT ROWID;
        INSERT INTO properties_keyed(node, key, value, type) SELECT node, key, value, type FROM properties;
        DROP TABLE properties;
        ALTER TABLE properties_keyed RENAME TO properties;
        """,
        // 4: an audit of forgotten users: when, and the receipt given, never who.
        """
        CREATE TABLE forgotten (
            at      INTEGER NOT NULL,
            receipt TEXT NOT NULL
        );
        """,
    ]

    /// The schema version a store reaches after every migration.
    static var latest: Int { all.count }
}
