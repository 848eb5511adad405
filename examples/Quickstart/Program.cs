Console.WriteLine("Quickstart: coming with the ML.NET plugin.");
