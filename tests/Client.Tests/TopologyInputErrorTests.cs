namespace Orchestrator.Client.Tests;

/// <summary>Every bad input: exit code 2, a message naming the problem on stderr, nothing on stdout, no output file.</summary>
public sealed class TopologyInputErrorTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private async Task AssertBadInput(string[] args, params string[] fragments)
    {
        var before = _files.Files();
        var result = await CliFixture.Run(args);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, result.Stderr);
        }

        Assert.Equal(before, _files.Files());
    }

    private string Matrix3x3Csv(string name = "w.csv") => _files.WriteText(name, "0,0.5,0.2\n0.5,0,0.1\n0.2,0.1,0\n");

    private string Npy(string name, string descr, bool fortran, string shape, int bytes)
    {
        var path = _files.PathOf(name);
        TestNpy.WriteRaw(path, descr, fortran, shape, new byte[bytes]);
        return path;
    }

    [Fact]
    public Task A_csv_without_newlines_is_refused_after_a_bounded_read()
    {
        // The fault found: /dev/zero as a CSV was read without bound (2.5 GB in 8 s).
        var path = _files.PathOf("zero.csv");
        File.CreateSymbolicLink(path, "/dev/zero");
        return AssertBadInput(["topology", "decompose", "--matrix", path], "zero.csv", "a line is longer than 16,777,216 characters");
    }

    [Fact]
    public Task Activations_with_more_neurons_than_a_connectome_holds_name_the_limit()
    {
        // The fault found: (2, 50000) activations ended in an OverflowException and exit 1.
        var activations = Npy("wide.npy", "<f4", fortran: false, "(2, 50000)", 2 * 50000 * sizeof(float));
        return AssertBadInput(
            ["topology", "connectome", "--activations", activations, "--out", _files.PathOf("w.npy")],
            "50,000 columns", "at most 46,340 neurons");
    }

    [Fact]
    public Task Missing_file_is_named() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.PathOf("nope.csv")], "--matrix", "nope.csv", "file not found");

    [Fact]
    public Task Missing_directory_is_named() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.PathOf("no/such/w.npy")], "w.npy", "file not found");

    [Fact]
    public Task A_directory_is_not_a_readable_file()
    {
        Directory.CreateDirectory(_files.PathOf("dir.csv"));
        return AssertBadInput(["topology", "decompose", "--matrix", _files.PathOf("dir.csv")], "dir.csv", "directory");
    }

    [Fact]
    public Task Unknown_extension_lists_the_known_ones() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.txt", "0")], "unknown file type '.txt'", ".csv or .npy");

    [Fact]
    public Task Ragged_csv_names_the_row_and_both_column_counts() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,1,2\n1,0,3\n2,3\n")], "row 3 has 2 columns, expected 3");

    [Fact]
    public Task Unparsable_number_names_row_and_column() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,1,2\n1,0,abc\n2,3,0\n")], "row 2, column 3", "'abc' is not a number");

    [Fact]
    public Task Empty_field_names_row_and_column() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,,2\n1,0,3\n2,3,0\n")], "row 1, column 2", "empty field");

    [Fact]
    public Task Empty_csv_says_it_is_empty() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "\n\n")], "is empty");

    [Fact]
    public Task Blank_line_inside_csv_is_named() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,1\n\n1,0\n")], "line 2 is empty");

    [Fact]
    public Task Non_square_matrix_gives_its_shape() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,1,2\n1,0,3\n")], "2×3", "square");

    [Theory]
    [InlineData("inf", "+inf")]
    [InlineData("-Infinity", "-inf")]
    public Task Infinite_weight_in_the_upper_triangle_names_row_and_column(string token, string shown) =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", $"0,0.5,0.2\n0.5,0,{token}\n0.2,0.1,0\n")], $"row 2, column 3 is {shown}", "finite");

    [Fact]
    public Task Float64_value_beyond_float32_range_is_named() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,1e300\n1e300,0\n")], "row 1, column 2", "float32 range");

    [Fact]
    public Task Npy_in_fortran_order_is_rejected() =>
        AssertBadInput(["topology", "decompose", "--matrix", Npy("f.npy", "<f8", true, "(3, 3)", 72)], "Fortran order", "ascontiguousarray");

    [Theory]
    [InlineData("<i4")]
    [InlineData("<f2")]
    [InlineData("|u1")]
    [InlineData("<c16")]
    public Task Npy_with_another_dtype_is_rejected(string descr) =>
        AssertBadInput(["topology", "decompose", "--matrix", Npy("d.npy", descr, false, "(3, 3)", 144)], $"dtype '{descr}'", "float32 or float64");

    [Theory]
    [InlineData("(9,)", "1-D")]
    [InlineData("(3, 3, 1)", "3-D")]
    [InlineData("()", "0-D")]
    public Task Npy_of_another_rank_is_rejected(string shape, string rank) =>
        AssertBadInput(["topology", "decompose", "--matrix", Npy("r.npy", "<f4", false, shape, 36)], rank, "2-D");

    [Fact]
    public Task Truncated_npy_says_how_many_bytes_are_missing() =>
        AssertBadInput(["topology", "decompose", "--matrix", Npy("t.npy", "<f4", false, "(3, 3)", 20)], "truncated", "36 bytes", "has 20");

    [Fact]
    public Task A_file_that_is_not_npy_is_rejected() =>
        AssertBadInput(["topology", "decompose", "--matrix", _files.WriteText("x.npy", "0,1\n1,0\n")], "not a NumPy .npy file");

    [Fact]
    public Task Distance_between_different_sizes_names_both() =>
        AssertBadInput(
            ["topology", "distance", "--a", Matrix3x3Csv(), "--b", _files.WriteText("b.csv", "0,1\n1,0\n")], "--a is 3×3", "--b is 2×2", "same n");

    [Fact]
    public Task Distance_order_other_than_1_or_2_is_rejected() =>
        AssertBadInput(["topology", "distance", "--a", Matrix3x3Csv(), "--b", Matrix3x3Csv(), "--p", "3"], "--p is 3", "1 or 2");

    [Fact]
    public Task Distance_names_which_file_is_bad() =>
        AssertBadInput(["topology", "distance", "--a", Matrix3x3Csv(), "--b", _files.PathOf("gone.csv")], "--b", "gone.csv", "file not found");

    [Fact]
    public Task Missing_required_option_is_named() =>
        AssertBadInput(["topology", "decompose"], "--matrix");

    [Fact]
    public Task Connectome_from_one_sample_is_rejected_and_writes_nothing() =>
        AssertBadInput(
            ["topology", "connectome", "--activations", _files.WriteText("x.csv", "1,2,3\n"), "--out", _files.PathOf("w.csv")], "1 row", "at least 2");

    [Theory]
    [InlineData("nan", "nan")]
    [InlineData("inf", "+inf")]
    public Task Connectome_with_a_non_finite_activation_names_row_and_column(string token, string shown) =>
        AssertBadInput(
            ["topology", "connectome", "--activations", _files.WriteText("x.csv", $"1,2,3\n4,5,6\n7,{token},9\n"), "--out", _files.PathOf("w.npy")],
            $"row 3, column 2 is {shown}", "finite");

    [Fact]
    public Task Connectome_to_an_unknown_extension_is_rejected() =>
        AssertBadInput(
            ["topology", "connectome", "--activations", _files.WriteText("x.csv", "1,2\n3,5\n"), "--out", _files.PathOf("w.json")], "--out", "unknown file type '.json'");

    [Fact]
    public Task Connectome_into_a_missing_directory_is_rejected() =>
        AssertBadInput(
            ["topology", "connectome", "--activations", _files.WriteText("x.csv", "1,2\n3,5\n"), "--out", _files.PathOf("missing/w.csv")], "--out", "does not exist");

    [Fact]
    public Task Connectome_onto_a_directory_is_rejected()
    {
        Directory.CreateDirectory(_files.PathOf("w.csv"));
        return AssertBadInput(
            ["topology", "connectome", "--activations", _files.WriteText("x.csv", "1,2\n3,5\n"), "--out", _files.PathOf("w.csv")], "is a directory");
    }

    [Fact]
    public async Task A_failed_connectome_leaves_an_existing_output_untouched()
    {
        var output = _files.WriteText("w.csv", "previous");
        await AssertBadInput(["topology", "connectome", "--activations", _files.WriteText("x.csv", "1,2\n"), "--out", output], "at least 2");
        Assert.Equal("previous", File.ReadAllText(output));
    }

    [Fact]
    public Task Demo_with_zero_epochs_is_rejected() =>
        AssertBadInput(["topology", "demo", "--epochs", "0"], "--epochs is 0");
}
