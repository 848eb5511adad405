using Microsoft.ML;

namespace SimSid.MLNet.Tests.Support;

internal static class ImageFiles
{
    /// <summary>Writes each row's image as a PNG of twice its side; returns a loader of the path/label rows.</summary>
    public static Func<MLContext, IDataView> Write(string folder, IReadOnlyList<PixelRow> rows, string prefix = "image")
    {
        var pathRows = new List<ImagePathRow>();
        for (int i = 0; i < rows.Count; i++)
        {
            string name = $"{prefix}{i:D3}.png";
            using (var image = TestImages.ToImage(rows[i].Pixels, scale: 2))
                image.Save(Path.Combine(folder, name));
            pathRows.Add(new ImagePathRow { ImagePath = name, Label = rows[i].Label });
        }
        return ml => ml.Data.LoadFromEnumerable(pathRows);
    }
}
