using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Providers.Local.Tests")]
[assembly: InternalsVisibleTo("MassGen.Providers.Tests")]
