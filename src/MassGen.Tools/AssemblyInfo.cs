using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Tools.Tests")]
