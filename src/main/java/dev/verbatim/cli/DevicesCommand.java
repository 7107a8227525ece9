package dev.verbatim.cli;

import dev.verbatim.live.Microphone;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the capture devices Java can record from, with the formats each accepts.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Microphone.Device> devices = Microphone.devices();
        if (devices.isEmpty()) {
            spec.commandLine().getErr().println("verbatim: no capture device: Java's sound system (javax.sound) "
                    + "sees none on this machine");
            return 1;
        }
        for (Microphone.Device d : devices) {
            out.println(d.describe());
        }
        out.flush();
        return 0;
    }
}
