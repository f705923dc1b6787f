using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Core.Tests")]
[assembly: InternalsVisibleTo("MassGen.Benchmarks")]
