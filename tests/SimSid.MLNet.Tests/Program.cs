using SimSid.MLNet.Tests;

// Entry point for running this assembly as a program; the test runner does not use it.
return args switch
{
    [ModelZipChildProcess.Command, var zip, var images, var scores] => ModelZipChildProcess.Run(zip, images, scores),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine($"usage: SimSid.MLNet.Tests {ModelZipChildProcess.Command} <model.zip> <images.f32> <scores.f32>");
    return 2;
}
