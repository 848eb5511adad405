using Microsoft.ML;
using SimSid.Data.Imaging;

namespace SimSid.MLNet.Tests.Support;

/// <summary>PNG files of pixel rows, with the path/label rows that LoadImages reads them from.</summary>
internal sealed class ImageFiles
{
    private ImageFiles(string folder, List<ImagePathRow> rows)
    {
        Folder = folder;
        Rows = rows;
    }

    public string Folder { get; }

    /// <summary>One row per file: its name in <see cref="Folder"/> and its label.</summary>
    public IReadOnlyList<ImagePathRow> Rows { get; }

    /// <summary>Writes each row's image as a PNG of twice its side (<see cref="TestImages.ToImage"/> with scale 2).</summary>
    public static ImageFiles Write(string folder, IReadOnlyList<PixelRow> rows, string prefix = "image")
    {
        var pathRows = new List<ImagePathRow>();
        for (int i = 0; i < rows.Count; i++)
        {
            string name = $"{prefix}{i:D3}.png";
            using (var image = TestImages.ToImage(rows[i].Pixels, scale: 2))
                image.Save(Path.Combine(folder, name));
            pathRows.Add(new ImagePathRow { ImagePath = name, Label = rows[i].Label });
        }
        return new ImageFiles(folder, pathRows);
    }

    /// <summary>The path/label rows as a data view of <paramref name="ml"/>.</summary>
    public IDataView Load(MLContext ml) => ml.Data.LoadFromEnumerable(Rows);

    /// <summary>Each file as the CLI and trainer read it: <see cref="RadiographLoader"/> at the tiny preset's side.</summary>
    public float[][] CliPixels() =>
        Rows.Select(r => RadiographLoader.Load(Path.Combine(Folder, r.ImagePath), TestImages.Side)).ToArray();

    /// <summary><see cref="CliPixels"/> as pixel rows with the files' labels.</summary>
    public List<PixelRow> CliRows() =>
        CliPixels().Zip(Rows, (pixels, row) => new PixelRow { Pixels = pixels, Label = row.Label }).ToList();
}
