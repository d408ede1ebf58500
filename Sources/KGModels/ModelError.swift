/// What can go wrong in KGModels that a user can act on: bad checkpoint bytes, a checkpoint for
/// another model or shape, unusable training data, an unknown model or setting.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a checkpoint, or are cut short or corrupted at `offset`.
    case corruptCheckpoint(offset: Int, reason: String)
    /// The checkpoint does not fit the model it is loaded into.
    case incompatibleCheckpoint(String)
    /// The data cannot be trained or evaluated on.
    case unusableData(String)
    /// No model has this name; the message lists the known ones.
    case unknownModel(String)
    /// A model setting is unknown or out of range; the message names it and what it takes.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .corruptCheckpoint(let offset, let reason):
            return "the checkpoint is unreadable at byte \(offset): \(reason)"
        case .incompatibleCheckpoint(let reason):
            return "the checkpoint does not fit this model: \(reason)"
        case .unusableData(let reason):
            return "the data cannot be used: \(reason)"
        case .unknownModel(let message), .invalidSetting(let message):
            return message
        }
    }
}
