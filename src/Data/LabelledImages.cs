namespace Orchestrator.Data;

/// <summary>
/// Images with integer labels, held as float pixels in [0, 1], item-major, each item
/// <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/>.
/// </summary>
public sealed class LabelledImages
{
    /// <summary>Wraps pixel and label arrays after checking that their sizes agree.</summary>
    /// <exception cref="ArgumentException">Sizes disagree or a label is outside [0, classes).</exception>
    public LabelledImages(float[] pixels, int[] labels, int channels, int height, int width, int classes)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        var itemLength = channels * height * width;
        if (pixels.LongLength != (long)labels.Length * itemLength)
        {
            throw new ArgumentException($"{pixels.LongLength} pixels for {labels.Length} items of {itemLength}.", nameof(pixels));
        }

        foreach (var label in labels)
        {
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException($"label {label} outside [0, {classes}).", nameof(labels));
            }
        }

        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        Classes = classes;
    }

    /// <summary>All pixels, item-major.</summary>
    public float[] Pixels { get; }

    /// <summary>Class label per item.</summary>
    public int[] Labels { get; }

    /// <summary>Number of items.</summary>
    public int Count => Labels.Length;

    /// <summary>Colour channels per image.</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Values per item.</summary>
    public int ItemLength => Channels * Height * Width;

    /// <summary>The items at <paramref name="indices"/>, in that order.</summary>
    public LabelledImages Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var n = ItemLength;
        var pixels = new float[(long)indices.Count * n];
        var labels = new int[indices.Count];
        for (var k = 0; k < indices.Count; k++)
        {
            Array.Copy(Pixels, (long)indices[k] * n, pixels, (long)k * n, n);
            labels[k] = Labels[indices[k]];
        }

        return new LabelledImages(pixels, labels, Channels, Height, Width, Classes);
    }

    /// <summary>Builds images from IDX bytes (0–255 → [0, 1]) and IDX labels.</summary>
    internal static LabelledImages FromIdx(IdxArray images, IdxArray labels, int classes, string name)
    {
        if (images.Count != labels.Count)
        {
            throw new DatasetFormatException($"{name}: {images.Count} images but {labels.Count} labels.");
        }

        var pixels = new float[images.Values.LongLength];
        for (long i = 0; i < pixels.LongLength; i++)
        {
            pixels[i] = images.Values[i] / 255f;
        }

        var y = new int[labels.Count];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = labels.Values[i];
            if (y[i] >= classes)
            {
                throw new DatasetFormatException($"{name}: label {y[i]} at item {i} is outside 0..{classes - 1}.");
            }
        }

        return new LabelledImages(pixels, y, 1, images.Dimensions[1], images.Dimensions[2], classes);
    }
}
