using Mono.Cecil;

namespace SimSid.Publicizer;

/// <summary>
/// Rewrites an assembly so that every type, method and field is public. The result is meant only as a
/// compile-time reference: the original assembly is what runs, and the consuming assembly declares
/// IgnoresAccessChecksTo so the runtime lets it reach the members the compiler was shown.
/// </summary>
public static class AssemblyPublicizer
{
    /// <summary>Writes the publicized copy of <paramref name="inputPath"/> to <paramref name="outputPath"/>.</summary>
    /// <returns>How many types and members had their visibility changed.</returns>
    public static int Publicize(string inputPath, string outputPath)
    {
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(inputPath))!);
        using var assembly = AssemblyDefinition.ReadAssembly(inputPath, new ReaderParameters { AssemblyResolver = resolver });

        int changed = 0;
        foreach (var module in assembly.Modules)
            foreach (var type in module.GetTypes())
                changed += PublicizeType(type);

        // Write next to the target and move into place, so an interrupted run never leaves a
        // half-written reference that a later incremental build would take as up to date.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        string temporary = outputPath + ".tmp";
        assembly.Write(temporary);
        File.Move(temporary, outputPath, overwrite: true);
        return changed;
    }

    private static int PublicizeType(TypeDefinition type)
    {
        int changed = 0;
        var visibility = type.IsNested ? TypeAttributes.NestedPublic : TypeAttributes.Public;
        if ((type.Attributes & TypeAttributes.VisibilityMask) != visibility)
        {
            type.Attributes = (type.Attributes & ~TypeAttributes.VisibilityMask) | visibility;
            changed++;
        }

        foreach (var method in type.Methods)
        {
            if (!method.IsPublic)
            {
                method.Attributes = (method.Attributes & ~MethodAttributes.MemberAccessMask) | MethodAttributes.Public;
                changed++;
            }
        }

        // A field-like event keeps its delegate in a private field of the same name; making that field
        // public would make every use of the event ambiguous to the C# compiler.
        var eventNames = type.Events.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            if (!field.IsPublic && !eventNames.Contains(field.Name))
            {
                field.Attributes = (field.Attributes & ~FieldAttributes.FieldAccessMask) | FieldAttributes.Public;
                changed++;
            }
        }
        return changed;
    }
}
