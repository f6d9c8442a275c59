using HdrHistogram;
using HdrHistogram.Utilities;

namespace LoadHarness.Core.Metrics;

/// <summary>Base64 of HdrHistogram's compressed encoding (V2), as stored in result.json's OkHistogram/FailHistogram.</summary>
public static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes into a <see cref="LongHistogram"/> of the standard shape (so histograms from any writer add).</summary>
    public static LongHistogram Decode(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var bytes = Convert.FromBase64String(base64);
        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), Histograms.HighestMicros);
        var result = Histograms.Create();
        result.Add(decoded);
        return result;
    }

    /// <summary>Decodes, or an empty histogram for null/empty input.</summary>
    public static LongHistogram DecodeOrEmpty(string? base64) =>
        string.IsNullOrEmpty(base64) ? Histograms.Create() : Decode(base64);
}
