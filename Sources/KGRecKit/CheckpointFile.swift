import Foundation
import KGModels

/// Checkpoints as files outside a store (`kgrec bench train --save`, `--init-from FILE`): the
/// same bytes the store keeps.
public enum CheckpointFile {
    /// Reads a checkpoint file; a missing, unreadable or corrupt file is a `KGRecError`.
    public static func read(_ path: String) throws(KGRecError) -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failed("cannot read the checkpoint file '\(path)': it does not exist or is not readable")
        }
        do {
            return try Checkpoint(serialized: [UInt8](data))
        } catch {
            throw .failed("'\(path)' is not a kgrec checkpoint: \(error.description)")
        }
    }

    /// Checks before a long run that `path`'s folder exists and is writable, so a run is not
    /// lost at its end to a path that cannot be written.
    public static func checkWritable(_ path: String) throws(KGRecError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.isWritableFile(atPath: folder) else {
            throw .failed("cannot write the checkpoint file '\(path)': '\(folder)' is not a writable folder")
        }
    }

    /// Writes `checkpoint` to `path` atomically (a failed write leaves any earlier file whole).
    public static func write(_ checkpoint: Checkpoint, to path: String) throws(KGRecError) {
        do {
            try Files.replace(path, with: checkpoint.serialized())
        } catch {
            throw .failed("cannot write the checkpoint file: \(error.description)")
        }
    }
}
