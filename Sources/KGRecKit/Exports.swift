// The value types front ends render and build, re-exported one by one so that a front end
// imports KGRecKit alone and sees nothing of the layers below but these.

// The graph: nodes, kinds, relations, properties, paths.
@_exported import class KGGraph.GraphSnapshot
@_exported import enum KGGraph.NodeKind
@_exported import enum KGGraph.PropertyValue
@_exported import struct KGGraph.GraphPath
@_exported import enum KGGraph.Excerpt
