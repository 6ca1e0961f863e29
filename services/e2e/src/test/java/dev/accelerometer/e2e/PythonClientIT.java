package dev.accelerometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Python package the python-client module built (services/python-client/target/dist/*.whl), installed the way a
 * user installs it — into a fresh virtual environment, with no package index ({@code pip install --no-index}; its
 * dependencies, pydantic 2, urllib3 2 and python-dateutil, come from the machine's Python) — then
 * src/test/python run with pytest against the running platform: the façade and the {@code accelerometer} command
 * answering three questions, what bad input gets, and every example in the package's docstrings.
 */
class PythonClientIT {
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "python3");

    @Test
    void thePythonClientAndTheCommandLineAnswerAgainstThePlatform() throws Exception {
        Platform platform = Platform.get();
        Path module = Path.of("").toAbsolutePath();
        Path venv = module.resolve("target/python-venv");
        deleteRecursively(venv);
        run(List.of(PYTHON, "-m", "venv", "--system-site-packages", venv.toString()), Map.of());
        Path python = venv.resolve("bin/python");
        run(List.of(python.toString(), "-m", "pip", "install", "--quiet", "--no-index", "--disable-pip-version-check",
                wheel(platform).toString()), Map.of());
        Path tests = module.resolve("src/test/python");
        Map<String, String> environment = Map.of(
                "ACCELEROMETER_CATALOG_URL", platform.url("catalog"),
                "ACCELEROMETER_COSTING_URL", platform.url("costing"),
                "ACCELEROMETER_PLANNER_URL", platform.url("planner"),
                "ACCELEROMETER_QUANTIZATION_URL", platform.url("quantization"),
                "ACCELEROMETER_API_KEY", Platform.USER_KEY,
                "PYTHONPATH", tests.toString());
        // The tests, and the docstrings' examples of the installed package as doctests (doctest_platform gives them
        // a client); a warning (e.g. pydantic's about an answer that does not match its model) fails the run.
        String output = run(List.of(python.toString(), "-m", "pytest", "-v", "-p", "no:cacheprovider",
                "-p", "doctest_platform", "-W", "error::UserWarning", "--doctest-modules", "--pyargs",
                "accelerometer", "accelerometer.client", "accelerometer.tables", tests.toString()), environment);
        // run() asserted exit 0: every collected test passed (pytest exits 5 when it collected none). Its summary line
        // then reads "N passed in …": no failures, errors or skips beside.
        assertTrue(java.util.regex.Pattern.compile("(?m)^=+ [1-9][0-9]* passed in ").matcher(output).find(), output);
    }

    private static Path wheel(Platform platform) throws IOException {
        Path dist = platform.repositoryPath().resolve("services/python-client/target/dist");
        try (Stream<Path> files = Files.list(dist)) {
            List<Path> wheels = files.filter(p -> p.getFileName().toString().endsWith(".whl")).toList();
            assertEquals(1, wheels.size(), "one wheel in " + dist + ": " + wheels);
            return wheels.get(0);
        }
    }

    private static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(20, TimeUnit.MINUTES), "still running: " + command);
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
