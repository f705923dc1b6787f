using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Cli.Tests")]
[assembly: InternalsVisibleTo("MassGen.Cli.Benchmarks")]
