using System.Runtime.InteropServices;

namespace SimSid.Torch.Pretrained;

/// <summary>One node of an ONNX graph: its operator, input and output names and integer attributes.</summary>
internal sealed record OnnxNode(string Operator, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, long[]> Attributes)
{
    /// <summary>The integer list attribute <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public long[] Ints(string name, params long[] fallback) => Attributes.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
}

/// <summary>A float tensor stored in an ONNX graph (a weight).</summary>
internal sealed record OnnxTensor(long[] Shape, float[] Values);

/// <summary>
/// The nodes and float weights of an ONNX model, read straight from its protocol-buffer encoding: only the
/// fields a feed-forward image network needs (ModelProto.graph; GraphProto.node and .initializer; NodeProto
/// input, output, op_type and integer attributes; TensorProto dims, data_type, float_data and raw_data).
/// </summary>
internal sealed class OnnxGraph
{
    private OnnxGraph(List<OnnxNode> nodes, Dictionary<string, OnnxTensor> weights)
    {
        Nodes = nodes;
        Weights = weights;
    }

    /// <summary>The nodes in their stored (topological) order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The float initialisers by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Weights { get; }

    /// <summary>Reads the graph of the ONNX model in <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an ONNX model this reader understands.</exception>
    public static OnnxGraph Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            var graph = Fields(bytes).FirstOrDefault(f => f.Number == 7 && f.Bytes is not null).Bytes
                ?? throw new InvalidDataException($"\"{path}\" holds no ONNX graph.");
            var nodes = new List<OnnxNode>();
            var weights = new Dictionary<string, OnnxTensor>();
            foreach (var field in Fields(graph))
            {
                if (field.Number == 1) nodes.Add(ReadNode(field.Bytes!.Value));
                else if (field.Number == 5 && ReadTensor(field.Bytes!.Value) is (string name, OnnxTensor tensor)) weights[name] = tensor;
            }
            return new OnnxGraph(nodes, weights);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"\"{path}\" is not a readable ONNX model: {e.Message}", e);
        }
    }

    private static OnnxNode ReadNode(ReadOnlyMemory<byte> bytes)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, long[]>();
        string op = "";
        foreach (var f in Fields(bytes))
        {
            switch (f.Number)
            {
                case 1: inputs.Add(Text(f.Bytes!.Value)); break;
                case 2: outputs.Add(Text(f.Bytes!.Value)); break;
                case 4: op = Text(f.Bytes!.Value); break;
                case 5:
                    var (name, ints) = ReadIntAttribute(f.Bytes!.Value);
                    attributes[name] = ints;
                    break;
            }
        }
        return new OnnxNode(op, inputs, outputs, attributes);
    }

    // AttributeProto: name = 1, i = 3, ints = 8 (packed or not).
    private static (string Name, long[] Ints) ReadIntAttribute(ReadOnlyMemory<byte> bytes)
    {
        string name = "";
        var ints = new List<long>();
        foreach (var f in Fields(bytes))
        {
            if (f.Number == 1) name = Text(f.Bytes!.Value);
            else if (f.Number == 3 && f.Bytes is null) ints.Add(f.Varint);
            else if (f.Number == 8) ints.AddRange(f.Bytes is null ? [f.Varint] : PackedVarints(f.Bytes.Value));
        }
        return (name, [.. ints]);
    }

    // TensorProto: dims = 1, data_type = 2 (1 = float), float_data = 4, name = 8, raw_data = 9.
    private static (string, OnnxTensor)? ReadTensor(ReadOnlyMemory<byte> bytes)
    {
        var dims = new List<long>();
        long dataType = 0;
        string name = "";
        float[]? values = null;
        foreach (var f in Fields(bytes))
        {
            switch (f.Number)
            {
                case 1: dims.AddRange(f.Bytes is null ? [f.Varint] : PackedVarints(f.Bytes.Value)); break;
                case 2: dataType = f.Varint; break;
                case 4 when f.Bytes is not null:
                case 9: values = MemoryMarshal.Cast<byte, float>(f.Bytes!.Value.Span).ToArray(); break;
                case 8: name = Text(f.Bytes!.Value); break;
            }
        }
        if (dataType != 1 || values is null) return null;
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length) throw new ArgumentException($"weight {name} has {values.Length} values for shape [{string.Join(", ", dims)}]");
        return (name, new OnnxTensor([.. dims], values));
    }

    private readonly record struct Field(int Number, long Varint, ReadOnlyMemory<byte>? Bytes);

    private static IEnumerable<Field> Fields(ReadOnlyMemory<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            long key = ReadVarint(bytes.Span, ref i);
            int number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: yield return new Field(number, ReadVarint(bytes.Span, ref i), null); break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2:
                    int length = checked((int)ReadVarint(bytes.Span, ref i));
                    if (length < 0 || i + length > bytes.Length) throw new ArgumentException("a field runs past the end of the file");
                    yield return new Field(number, 0, bytes.Slice(i, length));
                    i += length;
                    break;
                default: throw new ArgumentException($"unsupported protocol-buffer wire type {key & 7}");
            }
        }
    }

    private static long ReadVarint(ReadOnlySpan<byte> bytes, ref int i)
    {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = bytes[i++];
            result |= (long)(b & 0x7f) << shift;
            if (b < 0x80) return result;
        }
        throw new ArgumentException("malformed varint");
    }

    private static List<long> PackedVarints(ReadOnlyMemory<byte> bytes)
    {
        var values = new List<long>();
        int i = 0;
        while (i < bytes.Length) values.Add(ReadVarint(bytes.Span, ref i));
        return values;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes.Span);
}
