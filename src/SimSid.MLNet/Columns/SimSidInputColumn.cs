using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace SimSid.MLNet.Columns;

/// <summary>
/// The image column the plugin reads: either an <see cref="MLImage"/> column (any size and colour;
/// prepared exactly as the CLI prepares an image file: BT.601 luma, then the PIL-exact bicubic resize of
/// SimSid.Data) or a known-size Single vector of
/// <c>ImageSize * ImageSize</c> row-major grayscale pixels in the range <see cref="SimSidPixelRange"/> says.
/// </summary>
internal sealed class SimSidInputColumn
{
    private SimSidInputColumn(string name, int imageSize, SimSidPixelRange pixelRange, bool isImage)
    {
        Name = name;
        ImageSize = imageSize;
        PixelRange = pixelRange;
        IsImage = isImage;
    }

    public string Name { get; }

    public int ImageSize { get; }

    public SimSidPixelRange PixelRange { get; }

    /// <summary>True for an <see cref="MLImage"/> column, false for a pixel vector.</summary>
    public bool IsImage { get; }

    /// <summary>Checks the column in a data schema.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has the wrong type.</exception>
    public static SimSidInputColumn Bind(DataViewSchema schema, string name, int imageSize, SimSidPixelRange pixelRange)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw Missing(name, imageSize, schema.Select(c => c.Name));
        var type = column.Type;
        if (type is ImageDataViewType)
            return new SimSidInputColumn(name, imageSize, pixelRange, isImage: true);
        if (type is VectorDataViewType { ItemType: var item, Size: var size } && item == NumberDataViewType.Single && size == imageSize * imageSize)
            return new SimSidInputColumn(name, imageSize, pixelRange, isImage: false);
        throw WrongType(name, imageSize, $"{type}");
    }

    /// <summary>Checks the column in an estimator's schema shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has the wrong type.</exception>
    public static void Check(SchemaShape shape, string name, int imageSize)
    {
        if (!shape.TryFindColumn(name, out var column))
            throw Missing(name, imageSize, shape.Select(c => c.Name));
        if (column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType is ImageDataViewType)
            return;
        // A schema shape keeps only the kind of a vector, not its size; the size is checked against the data.
        if (column.Kind == SchemaShape.Column.VectorKind.Vector && column.ItemType == NumberDataViewType.Single)
            return;
        throw WrongType(name, imageSize, Describe(column));
    }

    /// <summary>Creates a reader of this column for the rows of <paramref name="row"/>; one per cursor.</summary>
    public ImageRowReader CreateReader(DataViewRow row) => new(this, row);

    /// <summary>What the column must be, for error messages.</summary>
    public static string Expected(int imageSize) =>
        $"an image (MLImage, e.g. from LoadImages) or a known-size vector of {imageSize * imageSize} Single values " +
        $"({imageSize}x{imageSize} grayscale pixels, e.g. from ExtractPixels)";

    private static ArgumentOutOfRangeException Missing(string name, int imageSize, IEnumerable<string> available) => new(
        "inputSchema",
        $"SimSID input column '{name}' was not found; it must be {Expected(imageSize)}. " +
        $"Columns present: {string.Join(", ", available.Distinct().Select(n => $"'{n}'"))}.");

    private static ArgumentOutOfRangeException WrongType(string name, int imageSize, string actual) => new(
        "inputSchema",
        $"SimSID input column '{name}' must be {Expected(imageSize)}, but it is {actual}.");

    private static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => $"{column.ItemType}",
        SchemaShape.Column.VectorKind.Vector => $"Vector<{column.ItemType}>",
        _ => $"variable-size Vector<{column.ItemType}>",
    };
}
