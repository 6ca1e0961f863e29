"""The command line's parsing, formatting and exit codes without a server."""
import pytest

from accelerometer import cli


def run(capsys, *argv):
    with pytest.raises(SystemExit) as raised:
        cli.main(list(argv))
    return raised.value.code, capsys.readouterr()


def test_help_shows_examples_exit_codes_and_the_url_variable(capsys):
    code, out = run(capsys, "--help")
    assert code == 0
    for text in ("accelerometer gpus llama-2-70b --for serve --format nf4", "exit codes:", "ACCELEROMETER_URL"):
        assert text in out.out


def test_every_command_has_help_with_an_example(capsys):
    for command in ("gpus", "estimate", "cost", "compare", "plan", "serve", "own", "accelerators", "systems", "models", "validation"):
        code, out = run(capsys, command, "--help")
        assert code == 0 and "example:" in out.out, command


@pytest.mark.parametrize("argv, complaint", [
    (["cost", "matmul", "--accelerator", "x", "-m", "0", "-n", "1", "-k", "1"], "0 is not a positive whole number"),
    (["gpus", "llama-2-7b", "--format", "nf5"], "invalid choice: 'nf5'"),
    (["plan", "gpt-3-175b", "--devices", "8", "--global-batch", "8", "--seq", "2.5"], "2.5 is not a positive whole"),
    (["plan", "gpt-3-175b", "--devices", "8", "--global-batch", "8", "--seq", "8", "--tokens", "inf"], "not a positive"),
    (["plan", "gpt-3-175b", "--devices", "8", "--global-batch", "8", "--seq", "8", "--offload", "gpu"], "invalid choice: 'gpu'"),
    (["estimate", "qwen2.5-14b", "--format", "q4_k_m", "--gpu-layers", "-1"], "-1 is negative"),
    (["serve", "deepseek-v3", "--devices", "8", "--input-tokens", "10", "--output-tokens", "0"], "0 is not a positive whole"),
    (["serve", "deepseek-v3", "--devices", "8", "--input-tokens", "10", "--output-tokens", "10", "--format", "int4"],
     "invalid choice: 'int4'"),
    (["estimate", "qwen2.5-14b", "--format", "q4_k_m", "--gpu-layers", "8", "--host-bandwidth", "0"], "not a positive"),
])
def test_bad_arguments_exit_2_naming_them(capsys, argv, complaint):
    code, out = run(capsys, *argv)
    assert code == 2 and complaint in out.err


def test_output_options_are_accepted_after_the_command_too():
    args = cli.parser().parse_args(["-o", "json", "validation", "-q"])
    assert (args.output, args.quiet) == ("json", True)
    args = cli.parser().parse_args(["validation", "--output", "csv"])
    assert (args.output, args.quiet) == ("csv", False)


def test_an_unreachable_service_exits_4(capsys):
    code = cli.main(["--url", "http://127.0.0.1:9", "validation"])
    assert code == cli.EXIT_UNAVAILABLE and "Service unreachable" in capsys.readouterr().err


def test_figures_are_written_in_units_people_read():
    assert cli._seconds(0.00131) == "1.31 ms"
    assert cli._seconds(19.9) == "19.9 s"
    assert cli._seconds(21.9 * 86400) == "21.9 days"
    assert cli._number(158000.4) == "158,000" and cli._number(0.0421) == "0.0421" and cli._number(1024) == "1,024"
    assert cli._dollars(1848714.2) == "1,848,714" and cli._dollars(0.42) == "0.42" and cli._dollars(1.4e-6) == "1.4e-06"
    assert cli._percent(0.533) == "53.3 %" and cli._gigabytes(38.2e9) == "38.2"


def test_experts_only_asks_for_the_routed_experts_alone():
    args = cli.parser().parse_args(["estimate", "gpt-oss-120b", "--format", "mxfp4", "--experts-only"])
    assert cli._fit_arguments(args, None)["quantizedLayers"] == "experts"
    args = cli.parser().parse_args(["estimate", "gpt-oss-120b", "--format", "mxfp4"])
    assert "quantizedLayers" not in cli._fit_arguments(args, None)
