using System.Globalization;
using System.Text;
using SimSid.Torch;

namespace SimSid.Cli.Scoring;

/// <summary>The CSV <c>simsid score</c> writes: one row per image, appended batch by batch.</summary>
internal static class ScoreCsv
{
    public const string Header = "path,score,raw_score,prediction,mode";

    // The header of the files written before the mode column; their rows are the model's own mode, which the file does not name.
    private const string HeaderWithoutMode = "path,score,raw_score,prediction";

    /// <summary>The rows of <paramref name="paths"/> and their <paramref name="scores"/> in <paramref name="mode"/>, each ending in a newline.</summary>
    public static string Rows(IReadOnlyList<string> paths, IReadOnlyList<AnomalyScore> scores, ScoringMode mode)
    {
        var rows = new StringBuilder();
        for (int i = 0; i < paths.Count; i++)
            rows.Append(CultureInfo.InvariantCulture,
                $"\"{paths[i].Replace("\"", "\"\"")}\",{scores[i].Score:R},{scores[i].RawScore:R},{(scores[i].IsAnomalous ? "abnormal" : "normal")},{mode.ShortName()}\n");
        return rows.ToString();
    }

    /// <summary>
    /// Prepares <paramref name="file"/>, written by an interrupted run over the same <paramref name="batches"/>
    /// of paths in the same <paramref name="mode"/>, for appending, and returns the paths it holds. The rows of the
    /// last batch it reached are removed (that batch may be incomplete), as is a last line cut short: that batch is
    /// scored again whole, so every image is scored in the batch it would have had without the interruption.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a CSV that <c>simsid score</c> wrote, or holds another mode's scores.</exception>
    public static HashSet<string> Resume(string file, IReadOnlyList<IReadOnlyList<string>> batches, ScoringMode mode)
    {
        string text = File.ReadAllText(file);
        if (text.StartsWith(HeaderWithoutMode + "\n", StringComparison.Ordinal))
            throw new InvalidDataException($"\"{file}\" was written by an earlier simsid score, whose rows do not say their scoring mode, so --resume cannot continue it without risking two modes in one file. Give another --out, or leave out --resume to score every image again.");
        if (!text.StartsWith(Header + "\n", StringComparison.Ordinal))
            throw new InvalidDataException($"\"{file}\" does not start with the header \"{Header}\": it is not a CSV written by simsid score, so --resume cannot continue it. Give another --out, or leave out --resume to overwrite it.");
        var batchOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int b = 0; b < batches.Count; b++)
            foreach (var path in batches[b]) batchOf.TryAdd(path, b);

        var rows = new List<(string Path, int Batch, int End)>();
        for (int start = Header.Length + 1, end; (end = text.IndexOf('\n', start)) >= 0; start = end + 1)
        {
            string row = text[start..end];
            string path = Path(row);
            string rowMode = row[(row.LastIndexOf(',') + 1)..];
            if (rowMode != mode.ShortName())
                throw new InvalidDataException($"\"{file}\" holds scores in the {rowMode} mode and this run scores in the {mode.ShortName()} mode: resuming would mix two modes in one file. Resume with --scoring {rowMode}, or give another --out.");
            rows.Add((path, batchOf.GetValueOrDefault(path, -1), end + 1));
        }
        int last = rows.Select(r => r.Batch).DefaultIfEmpty(-1).Max();
        var kept = rows.TakeWhile(r => r.Batch < last || last < 0).ToList();
        int length = kept.Count > 0 ? kept[^1].End : Header.Length + 1;
        if (length < text.Length)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            stream.SetLength(Encoding.UTF8.GetByteCount(text.AsSpan(0, length)));
        }
        return kept.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
    }

    private static string Path(string row)
    {
        int end = 1;
        var path = new StringBuilder();
        while (end < row.Length)
        {
            if (row[end] == '"' && end + 1 < row.Length && row[end + 1] == '"') { path.Append('"'); end += 2; }
            else if (row[end] == '"') return path.ToString();
            else path.Append(row[end++]);
        }
        throw new InvalidDataException($"A row of the scores CSV has no closing quote after its path: {row}");
    }
}
