package io.appgraph.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The most heap in use while an import runs, sampled every 5 ms: garbage included, so an
 * upper bound of what the import needs live. The server runs in the benchmark's JVM, so
 * that is the server's memory.
 */
final class HeapSampler extends Thread {

    private volatile long peak;

    HeapSampler() {
        super("heap-sampler");
        setDaemon(true);
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The process's peak resident memory as Linux reports it ({@code VmHWM}, such as
     * "2154836 kB"), or "n/a" elsewhere.
     */
    static String peakResidentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"))
                .stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring(6).strip())
                .findFirst()
                .orElse("n/a");
        }
        catch (IOException ex) {
            return "n/a";
        }
    }

    /** The most heap seen in use, in bytes. */
    long peak() {
        return this.peak;
    }

    /** Stops sampling and answers the most heap seen in use, in bytes. */
    long finish() throws InterruptedException {
        interrupt();
        join();
        return this.peak;
    }

    @Override
    public void run() {
        try {
            while (!isInterrupted()) {
                this.peak = Math.max(this.peak, heapUsed());
                Thread.sleep(5);
            }
        }
        catch (InterruptedException ex) {
            // done
        }
        this.peak = Math.max(this.peak, heapUsed());
    }

}
