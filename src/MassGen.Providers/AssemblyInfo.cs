using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Providers.Tests")]
[assembly: InternalsVisibleTo("MassGen.Providers.Benchmarks")]
