using SimSid.Publicizer;

// Usage: SimSid.Publicizer <input.dll> <output.dll> [<input.dll> <output.dll> ...]
if (args.Length == 0 || args.Length % 2 != 0)
{
    Console.Error.WriteLine("usage: SimSid.Publicizer <input.dll> <output.dll> [<input.dll> <output.dll> ...]");
    return 2;
}

for (int i = 0; i < args.Length; i += 2)
{
    string input = args[i], output = args[i + 1];
    if (!File.Exists(input))
    {
        Console.Error.WriteLine($"SimSid.Publicizer: input assembly '{input}' does not exist.");
        return 1;
    }

    int changed = AssemblyPublicizer.Publicize(input, output);
    Console.WriteLine($"SimSid.Publicizer: {Path.GetFileName(input)} -> {output} ({changed} members and types made public)");
}
return 0;
