package org.hyakuyobako.proto.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The attachments of one mail, decoded (base64, quoted-printable) by Apache James mime4j: the
 * parts that carry a file name, as Suricata's SMTP file extraction takes them. Lenient parsing
 * (malware's MIME is often broken), bounded part sizes, nothing thrown at the caller.
 */
final class MailFiles {
    static final int MAX_FILES = 16;

    /** One decoded attachment. */
    record File(String name, byte[] content) {
    }

    private static final Pattern NAME = Pattern.compile("(?i)(?:file)?name\\*?=\\s*\"?([^\";\\r\\n]*)\"?");

    private MailFiles() {
    }

    static List<File> extract(byte[] message, int limitPerFile) {
        List<File> files = new ArrayList<>();
        MimeConfig config = new MimeConfig.Builder().setStrictParsing(false).setMaxLineLen(-1).setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1).setMaxContentLen(-1).build();
        MimeStreamParser parser = new MimeStreamParser(config);
        parser.setContentDecoding(true);
        parser.setContentHandler(new AbstractContentHandler() {
            private String name;

            @Override
            public void startHeader() {
                name = null;
            }

            @Override
            public void field(Field field) {
                String n = field.getName().toLowerCase(Locale.ROOT);
                if (n.equals("content-disposition") || n.equals("content-type") && name == null) {
                    Matcher m = NAME.matcher(field.getBody());
                    if (m.find() && !m.group(1).isBlank()) {
                        name = m.group(1).strip();
                    }
                }
            }

            @Override
            public void body(BodyDescriptor bd, InputStream is) throws IOException {
                if (name == null || files.size() >= MAX_FILES) {
                    return;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[8_192];
                int n;
                while (out.size() < limitPerFile && (n = is.read(chunk, 0, Math.min(chunk.length, limitPerFile - out.size()))) > 0) {
                    out.write(chunk, 0, n);
                }
                files.add(new File(name, out.toByteArray()));
            }
        });
        try {
            parser.parse(new ByteArrayInputStream(message));
        } catch (MimeException | IOException | RuntimeException e) {
            // Broken MIME: the attachments read before the damage are kept.
        }
        return files;
    }
}
