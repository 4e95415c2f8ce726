package org.hyakuyobako.cli;

import picocli.CommandLine;

/** Version from the jar manifest when packaged, "development" otherwise. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"hyakuyobako " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version")};
    }
}
