package org.amiko.ssh.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PacketCodecBenchmark} and prints, per cipher, the packet layer's encode+decode
 * throughput in MiB/s beside the raw JCA cipher's on the same buffer in the same run, their
 * ratio, and the bytes allocated per packet. Arguments: {@code --quick} for short iterations,
 * {@code --algorithms cipher/mac,...} to measure only those.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(PacketCodecBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xms1g", "-Xmx1g");
        int only = List.of(args).indexOf("--algorithms");
        if (only >= 0) {
            options.param("algorithms", args[only + 1].split(","));
        }
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, double[]> rows = new LinkedHashMap<>(); // algorithms -> {packet, packetErr, raw, rawErr, allocPacket, allocRaw}
        for (RunResult r : results) {
            String algorithms = r.getParams().getParam("algorithms");
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            double[] row = rows.computeIfAbsent(algorithms, k -> new double[6]);
            Result<?> primary = r.getPrimaryResult();
            double mib = primary.getScore() * PacketCodecBenchmark.PAYLOAD / (1024.0 * 1024.0);
            double err = primary.getScoreError() * PacketCodecBenchmark.PAYLOAD / (1024.0 * 1024.0);
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            double bytesPerOp = alloc == null ? Double.NaN : alloc.getScore();
            int base = method.equals("packetLayer") ? 0 : 2;
            row[base] = mib;
            row[base + 1] = err;
            row[4 + base / 2] = bytesPerOp;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Java %s (%s), payload %d bytes, encode+decode per op", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), PacketCodecBenchmark.PAYLOAD));
        lines.add(String.format("%-52s %16s %16s %7s %12s %12s", "cipher / mac", "packet MiB/s", "raw JCA MiB/s",
                "ratio", "B/op packet", "B/op raw"));
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            double[] v = e.getValue();
            lines.add(String.format("%-52s %9.0f ± %-4.0f %9.0f ± %-4.0f %6.0f%% %12.0f %12.0f", e.getKey(),
                    v[0], v[1], v[2], v[3], 100 * v[0] / v[2], v[4], v[5]));
        }
        System.out.println();
        lines.forEach(System.out::println);
    }
}
