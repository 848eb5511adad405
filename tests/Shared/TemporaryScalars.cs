using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SimSid.Tests.Shared;

/// <summary>
/// Finds, in a compiled assembly, the calls that make a temporary TorchSharp Scalar: a number converted to
/// a Scalar (<c>Scalar.op_Implicit</c>, <c>ToScalar</c>), given to a tensor operator (<c>x * 2</c>, which
/// TorchSharp converts inside), or a sum whose alpha TorchSharp supplies (<c>a + b</c>, <c>a.add(b)</c>). TorchSharp 0.107 lets the finalizer free such a Scalar while the native
/// call still reads it, so SimSid.NET takes every number it gives an operation from SimSid.Torch's
/// HeldScalars. Reads the IL of every method body, so it sees what the compiler made of the source.
/// </summary>
public static class TemporaryScalars
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(op => op.Value);

    private static readonly HashSet<string> Numbers = ["System.Int32", "System.Int64", "System.Single", "System.Double", "System.Byte", "System.Int16"];

    /// <summary>"Type.Method: Callee" for every such call outside the type named <paramref name="exemptType"/> and its nested types.</summary>
    public static IReadOnlyList<string> In(Assembly assembly, string? exemptType = null)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            if (exemptType is not null && IsWithin(metadata, typeHandle, exemptType)) continue;
            var type = metadata.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue;
                foreach (var callee in Callees(metadata, pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? []))
                    if (MakesTemporaryScalar(callee))
                        found.Add($"{metadata.GetString(type.Name)}.{metadata.GetString(method.Name)}: {callee.Parent}.{callee.Name}({string.Join(", ", callee.Parameters)})");
            }
        }
        return found;
    }

    private sealed record Callee(string Parent, string Name, IReadOnlyList<string> Parameters);

    private static bool MakesTemporaryScalar(Callee callee) =>
        (callee.Parent == "TorchSharp.Scalar" && callee.Name == "op_Implicit")
        || (callee.Parent == "TorchSharp.ScalarExtensionMethods" && callee.Name == "ToScalar")
        || (callee.Parent.StartsWith("TorchSharp.", StringComparison.Ordinal) && callee.Name.StartsWith("op_", StringComparison.Ordinal)
            && callee.Parameters.Any(Numbers.Contains))
        || (callee.Parent == Tensor && SuppliesItsOwnAlpha(callee));

    private const string Tensor = "TorchSharp.torch+Tensor";

    // The calls for which TorchSharp makes the Scalar itself: a + b and a.add(b) pass an alpha of 1, and
    // addcmul/addcdiv without a value a value of 1.
    private static bool SuppliesItsOwnAlpha(Callee callee) => callee.Name switch
    {
        "op_Addition" => true,
        "add" or "add_" => callee.Parameters.Count == 1,
        "addcmul" or "addcmul_" or "addcdiv" or "addcdiv_" => callee.Parameters.Count == 2,
        _ => false,
    };

    private static bool IsWithin(MetadataReader metadata, TypeDefinitionHandle handle, string typeName)
    {
        for (var type = metadata.GetTypeDefinition(handle); ; type = metadata.GetTypeDefinition(type.GetDeclaringType()))
        {
            if (metadata.GetString(type.Name) == typeName) return true;
            if (type.GetDeclaringType().IsNil) return false;
        }
    }

    private static IEnumerable<Callee> Callees(MetadataReader metadata, byte[] il)
    {
        for (int i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = OpCodesByValue[value];
            if ((op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj)
                && MetadataTokens.EntityHandle(BitConverter.ToInt32(il, i)) is { Kind: HandleKind.MemberReference } handle)
            {
                var reference = metadata.GetMemberReference((MemberReferenceHandle)handle);
                if (reference.GetKind() == MemberReferenceKind.Method && reference.Parent.Kind == HandleKind.TypeReference)
                    yield return new Callee(TypeNames.Full(metadata, (TypeReferenceHandle)reference.Parent), metadata.GetString(reference.Name),
                        reference.DecodeMethodSignature(new TypeNames(), null).ParameterTypes);
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }

    /// <summary>Type names as "Namespace.Outer+Inner", enough to tell numbers and TorchSharp's types apart.</summary>
    private sealed class TypeNames : ISignatureTypeProvider<string, object?>
    {
        public static string Full(MetadataReader metadata, TypeReferenceHandle handle)
        {
            var type = metadata.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? Full(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + metadata.GetString(type.Name)
                : metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Full(reader, handle);
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) => "?";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(", ", typeArguments) + ">";
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";
    }
}
