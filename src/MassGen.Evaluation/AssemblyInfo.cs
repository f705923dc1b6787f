using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Evaluation.Tests")]
[assembly: InternalsVisibleTo("MassGen.Evaluation.Benchmarks")]
