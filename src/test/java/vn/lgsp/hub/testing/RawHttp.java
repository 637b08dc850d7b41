package vn.lgsp.hub.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes no well-behaved HTTP client would (absolute-form targets, control characters,
 * raw traversal) and reads the status line of the answer.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} as is and returns the whole answer as text (Connection: close is advised). */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                answer.write(chunk, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    public static int status(String answer) {
        if (!answer.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP answer: " + answer);
        }
        return Integer.parseInt(answer.substring(9, 12));
    }
}
