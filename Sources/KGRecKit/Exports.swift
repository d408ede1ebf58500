// The value types front ends render and build, re-exported one by one so that a front end
// imports KGRecKit alone and sees nothing of the layers below but these.

// The graph: nodes, kinds, relations, properties, paths.
@_exported import class KGGraph.GraphSnapshot
@_exported import enum KGGraph.NodeKind
@_exported import enum KGGraph.PropertyValue
@_exported import struct KGGraph.GraphPath
@_exported import enum KGGraph.Excerpt
@_exported import func KGGraph.fixed
@_exported import func KGGraph.grouped

// The one JSON writer, and the one "Did you mean" rule.
@_exported import enum KGJSON.JSON
@_exported import enum KGGraph.Suggestion

// What queries answer, and the plans `explain plan` shows.
@_exported import struct KGQuery.Recommendations
@_exported import struct KGQuery.CandidateCounts
@_exported import struct KGQuery.RankedNode
@_exported import struct KGQuery.Explanation
@_exported import struct KGQuery.Reason
@_exported import struct KGQuery.Attribution
@_exported import struct KGQuery.WhyAnswer
@_exported import struct KGQuery.MatchAnswer
@_exported import struct KGQuery.NodeDescription
@_exported import enum KGQuery.Plan
@_exported import enum KGQuery.Statement
@_exported import struct KGQuery.RecommendPlan
@_exported import struct KGQuery.WhyPlan
@_exported import struct KGQuery.MatchPlan
@_exported import enum KGQuery.CandidateSource
@_exported import enum KGQuery.Predicate
@_exported import enum KGQuery.BuiltinScorers

// What imports are told and report.
@_exported import struct KGImport.ImportOptions
@_exported import enum KGImport.ImportFormat
@_exported import struct KGImport.ImportSummary
@_exported import struct KGImport.ImportWarning

// The store's reports and how long it waits.
@_exported import struct KGStore.BusyWait
@_exported import struct KGStore.ApplyReport
@_exported import enum KGStore.ApplyMode
@_exported import struct KGStore.CatalogChangeReport
@_exported import struct KGStore.ForgetReport
@_exported import struct KGStore.StoreStatistics

// What training and evaluation report.
@_exported import enum KGModels.TrainingEvent
@_exported import struct KGModels.EpochSummary
@_exported import struct KGModels.TrainingResult
@_exported import struct KGModels.RankingMetrics
@_exported import struct KGModels.CTRMetrics
@_exported import enum KGModels.EvaluationSplit
