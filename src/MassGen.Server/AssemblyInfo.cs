using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Server.Tests")]
[assembly: InternalsVisibleTo("MassGen.Server.Benchmarks")]
[assembly: InternalsVisibleTo("MassGen.Cluster")]
