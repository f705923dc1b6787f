using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Tools.Tests")]
[assembly: InternalsVisibleTo("MassGen.Tools.Benchmarks")]
