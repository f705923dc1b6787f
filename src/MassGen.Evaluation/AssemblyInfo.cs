using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MassGen.Evaluation.Tests")]
