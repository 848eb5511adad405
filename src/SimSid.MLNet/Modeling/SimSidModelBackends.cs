using System.Collections.Concurrent;

namespace SimSid.MLNet.Modeling;

/// <summary>The backends a model zip can name. The SimSID network is always there.</summary>
internal static class SimSidModelBackends
{
    private static readonly ConcurrentDictionary<string, ISimSidModelBackend> s_backends =
        new(StringComparer.Ordinal) { [TorchSimSidBackend.Instance.Id] = TorchSimSidBackend.Instance };

    /// <summary>The backend new estimators train with.</summary>
    public static ISimSidModelBackend Default => TorchSimSidBackend.Instance;

    /// <summary>Makes <paramref name="backend"/> available to model zips that name its id.</summary>
    public static void Register(ISimSidModelBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var existing = s_backends.GetOrAdd(backend.Id, backend);
        if (!ReferenceEquals(existing, backend) && existing.GetType() != backend.GetType())
            throw new InvalidOperationException(
                $"A SimSID model backend with id '{backend.Id}' is already registered ({existing.GetType().FullName}).");
    }

    /// <summary>Finds the backend a model zip names.</summary>
    /// <exception cref="InvalidOperationException">No backend with that id is available.</exception>
    public static ISimSidModelBackend Resolve(string id)
    {
        if (s_backends.TryGetValue(id, out var backend))
            return backend;
        throw new InvalidOperationException(
            $"The model zip was written by the SimSID model backend '{id}', which is not available in this process " +
            $"(available: {string.Join(", ", s_backends.Keys.Order().Select(k => $"'{k}'"))}).");
    }
}
