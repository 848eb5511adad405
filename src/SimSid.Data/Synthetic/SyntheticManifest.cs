using System.Globalization;
using System.Text;

namespace SimSid.Data.Synthetic;

/// <summary>
/// The <c>manifest.csv</c> of a synthetic dataset: one line per image with the columns
/// <c>file,split,label,finding,severity,seed</c> (label is "normal" or "abnormal"; finding is a
/// <see cref="SyntheticFinding"/> name; seed renders the image again with
/// <see cref="SyntheticChestRadiograph.Render"/>).
/// </summary>
public static class SyntheticManifest
{
    /// <summary>The manifest's file name at the dataset root.</summary>
    public const string FileName = "manifest.csv";

    /// <summary>The header line.</summary>
    public const string Header = "file,split,label,finding,severity,seed";

    /// <summary>Writes the manifest.</summary>
    public static void Write(string path, IEnumerable<SyntheticCase> cases)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var c in cases)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.File},{c.Split},{(c.IsAbnormal ? "abnormal" : "normal")},{c.Finding},{c.Severity},{c.Seed}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a manifest written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not such a manifest; the message names the line.</exception>
    public static IReadOnlyList<SyntheticCase> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
        {
            throw new InvalidDataException($"'{path}' is not a synthetic dataset manifest: its first line must be '{Header}'.");
        }

        var cases = new List<SyntheticCase>(lines.Length - 1);
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }

            string[] f = lines[n].Split(',');
            if (f.Length != 6
                || !Enum.TryParse<SyntheticFinding>(f[3], out var finding)
                || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out int severity)
                || !ulong.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
                || (f[2] == "abnormal") != (finding != SyntheticFinding.None)
                || (f[2] != "abnormal" && f[2] != "normal"))
            {
                throw new InvalidDataException(
                    $"'{path}' line {n + 1} ('{lines[n]}') is malformed: expected '{Header}' values, e.g. " +
                    "'test/ABNORMAL/abnormal-00000.png,test,abnormal,Nodule,2,12345'.");
            }

            cases.Add(new SyntheticCase(f[0], f[1], finding, severity, seed));
        }

        return cases;
    }

    /// <summary>
    /// The findings of the abnormal images by relative file path ('/' separators) when
    /// <paramref name="root"/> holds a synthetic manifest; null when it holds none.
    /// </summary>
    internal static IReadOnlyDictionary<string, string>? TryReadFindings(string root)
    {
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path) || File.ReadLines(path).FirstOrDefault()?.Trim() != Header)
        {
            return null;
        }

        return Read(path)
            .Where(c => c.IsAbnormal)
            .ToDictionary(c => c.File, c => c.Finding.ToString(), StringComparer.Ordinal);
    }
}
