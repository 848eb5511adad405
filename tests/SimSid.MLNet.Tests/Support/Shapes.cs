using System.Reflection;
using Microsoft.ML;

namespace SimSid.MLNet.Tests.Support;

/// <summary>Schema shapes for estimator tests. ML.NET builds them from a schema with an internal method.</summary>
internal static class Shapes
{
    private static readonly MethodInfo s_create = typeof(SchemaShape).GetMethod("Create",
        BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;

    public static SchemaShape Of(DataViewSchema schema) => (SchemaShape)s_create.Invoke(null, [schema])!;

    public static bool TryFind(this SchemaShape shape, string name, out SchemaShape.Column column)
    {
        column = shape.LastOrDefault(c => c.Name == name);
        return column.Name is not null;
    }
}
