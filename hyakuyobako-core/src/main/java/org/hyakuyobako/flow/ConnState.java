package org.hyakuyobako.flow;

import java.util.regex.Pattern;
import org.hyakuyobako.decode.IpProtocol;

/**
 * Zeek's {@code conn_state} (base/protocols/conn/main.zeek), computed from the endpoint states
 * the {@link TcpTracker} keeps: S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH.
 */
public final class ConnState {
    private static final Pattern RSTOS0_HISTORY = Pattern.compile("\\^?S[^HAFGIQ]*R.*");

    private ConnState() {
    }

    public static String of(Flow f) {
        if (f.recordedConnState != null) {
            return f.recordedConnState;
        }
        if (f.protocol == IpProtocol.TCP) {
            return tcp(f);
        }
        if (f.protocol == IpProtocol.UDP) {
            if (f.origActive) {
                return f.respActive ? "SF" : "S0";
            }
            return f.respActive ? "SHR" : "OTH";
        }
        return "OTH";
    }

    private static String tcp(Flow f) {
        int os = f.orig.state;
        int rs = f.resp.state;
        boolean origInactive = os == TcpEndpoint.INACTIVE || os == TcpEndpoint.PARTIAL;
        boolean respInactive = rs == TcpEndpoint.INACTIVE || rs == TcpEndpoint.PARTIAL;
        if (rs == TcpEndpoint.RESET) {
            if (os == TcpEndpoint.SYN_SENT || os == TcpEndpoint.SYN_ACK_SENT
                    || (os == TcpEndpoint.RESET && f.orig.size(f.resp) == 0 && f.resp.size(f.orig) == 0)) {
                return "REJ";
            }
            return origInactive ? "RSTRH" : "RSTR";
        }
        if (os == TcpEndpoint.RESET) {
            if (respInactive) {
                return RSTOS0_HISTORY.matcher(f.history()).matches() ? "RSTOS0" : "OTH";
            }
            return "RSTO";
        }
        if (rs == TcpEndpoint.CLOSED && os == TcpEndpoint.CLOSED) {
            return "SF";
        }
        if (os == TcpEndpoint.CLOSED) {
            return respInactive ? "SH" : "S2";
        }
        if (rs == TcpEndpoint.CLOSED) {
            return origInactive ? "SHR" : "S3";
        }
        if (os == TcpEndpoint.SYN_SENT && rs == TcpEndpoint.INACTIVE) {
            return "S0";
        }
        if (os == TcpEndpoint.ESTABLISHED && rs == TcpEndpoint.ESTABLISHED) {
            return "S1";
        }
        return "OTH";
    }

    /** Suricata's TCP state name for the flow event's {@code tcp.state}. */
    static String suricataTcpState(Flow f) {
        int os = f.orig.state;
        int rs = f.resp.state;
        if (os == TcpEndpoint.RESET || rs == TcpEndpoint.RESET) {
            return "closed";
        }
        if (os == TcpEndpoint.CLOSED && rs == TcpEndpoint.CLOSED) {
            return "closed";
        }
        if (os == TcpEndpoint.CLOSED || rs == TcpEndpoint.CLOSED) {
            return "fin_wait";
        }
        if (os == TcpEndpoint.ESTABLISHED && rs == TcpEndpoint.ESTABLISHED) {
            return "established";
        }
        if (os == TcpEndpoint.SYN_SENT || os == TcpEndpoint.SYN_ACK_SENT) {
            return rs == TcpEndpoint.INACTIVE ? "syn_sent" : "syn_recv";
        }
        return "none";
    }
}
