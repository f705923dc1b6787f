using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Providers.Tests")]
