namespace Orchestrator.Data;

/// <summary>
/// Items with integer labels, held as float values item-major, each item of shape <see cref="ItemShape"/>: for
/// the built-in images <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> pixels in [0, 1]; for a
/// user's NumPy data any shape (<c>[D]</c>, <c>[C, H, W]</c>, …), which is the shape the model receives.
/// </summary>
public sealed class LabelledImages
{
    /// <summary>Wraps pixel and label arrays after checking that their sizes agree.</summary>
    /// <exception cref="ArgumentException">Sizes disagree or a label is outside [0, classes).</exception>
    public LabelledImages(float[] pixels, int[] labels, int channels, int height, int width, int classes)
        : this(pixels, labels, [channels, height, width], classes)
    {
    }

    /// <summary>Wraps values of items of any shape (e.g. <c>[D]</c> or <c>[C, H, W]</c>) and labels after checking that their sizes agree.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, the shape is empty, or a label is outside [0, classes).</exception>
    public LabelledImages(float[] pixels, int[] labels, IReadOnlyList<int> itemShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(itemShape);
        if (itemShape.Count == 0 || itemShape.Any(d => d < 1))
        {
            throw new ArgumentException($"item shape ({string.Join(", ", itemShape)}) must have at least one dimension, each ≥ 1.", nameof(itemShape));
        }

        var itemLength = itemShape.Aggregate(1, (a, b) => checked(a * b));
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
        ItemShape = [.. itemShape];

        // Items that are not images read as one channel: [D] is 1 × 1 × D, [H, W] is 1 × H × W, and any
        // dimensions after the third fold into the width, so the product stays the item's length.
        (Channels, Height, Width) = itemShape.Count switch
        {
            1 => (1, 1, itemShape[0]),
            2 => (1, itemShape[0], itemShape[1]),
            _ => (itemShape[0], itemShape[1], itemLength / (itemShape[0] * itemShape[1])),
        };
        Classes = classes;
    }

    /// <summary>The shape of one item, as the model receives it (after the batch dimension).</summary>
    public IReadOnlyList<int> ItemShape { get; }

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

    /// <summary>True when the items are not images of <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> (a user's data of another rank).</summary>
    public bool HasOwnShape => ItemShape.Count != 3;

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

        return new LabelledImages(pixels, labels, ItemShape, Classes);
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
