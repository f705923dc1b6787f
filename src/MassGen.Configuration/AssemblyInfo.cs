using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Configuration.Tests")]
