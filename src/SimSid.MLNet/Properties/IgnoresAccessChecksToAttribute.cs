namespace System.Runtime.CompilerServices;

/// <summary>
/// Tells the runtime that this assembly may access non-public types and members of the named
/// assembly. The runtime recognises the attribute by name; the base class library does not ship it.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    /// <summary>The simple name of the assembly whose access checks are ignored.</summary>
    public string AssemblyName { get; } = assemblyName;
}
