using System.Text.Json;
using SimSid.Torch.Persistence;

namespace SimSid.Torch.Training;

/// <summary>Which option differences forbid resuming a checkpoint.</summary>
public static class CheckpointCompatibility
{
    /// <summary>
    /// Every option that differs between the checkpoint's and the requested options, except those
    /// that may change on resume (Epochs, MaxSteps, EarlyStoppingPatience, Scoring except MemoryImageSize, Device, Preset).
    /// </summary>
    public static IEnumerable<string> Differences(SimSidOptions stored, SimSidOptions requested)
    {
        SimSidOptions Comparable(SimSidOptions o) => o with
        {
            // The memories' image side is the side of the training images the run holds: it cannot change either.
            Preset = "", Device = "", Scoring = new ScoringOptions { MemoryImageSize = o.Scoring.MemoryImageSize },
            Training = o.Training with { Epochs = 1, MaxSteps = null, EarlyStoppingPatience = null },
        };
        var a = Flatten(JsonSerializer.SerializeToElement(Comparable(stored), ModelFile.JsonOptions), "");
        var b = Flatten(JsonSerializer.SerializeToElement(Comparable(requested), ModelFile.JsonOptions), "");
        foreach (var key in a.Keys.Union(b.Keys).Order())
        {
            a.TryGetValue(key, out var x);
            b.TryGetValue(key, out var y);
            if (x != y) yield return $"{key}: checkpoint {x ?? "(none)"}, requested {y ?? "(none)"}";
        }
    }

    private static Dictionary<string, string> Flatten(JsonElement element, string prefix)
    {
        var result = new Dictionary<string, string>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                foreach (var kv in Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}"))
                    result[kv.Key] = kv.Value;
        }
        else if (element.ValueKind != JsonValueKind.Null) result[prefix] = element.ToString();
        return result;
    }
}
