namespace SimSid.Data.Imaging;

/// <summary>The order of the four 8-bit channels of a 32-bit colour pixel.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue, alpha.</summary>
    Rgba,

    /// <summary>Blue, green, red, alpha.</summary>
    Bgra,
}
