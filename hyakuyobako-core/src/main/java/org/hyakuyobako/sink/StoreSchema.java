package org.hyakuyobako.sink;

import java.util.List;

/**
 * Tables of the DuckDB store. Documented for users in docs/schema.md: keep the two in step.
 * Columns follow eve.json's names (flattened), so a query reads like a jq filter.
 */
public final class StoreSchema {
    private StoreSchema() {
    }

    /** The columns every application-event table starts with: time and connection, to join {@code flow}. */
    private static final String CONNECTION = """
                ts         TIMESTAMP,
                flow_id    BIGINT,
                sensor     VARCHAR,
                src_ip     VARCHAR,
                src_port   INTEGER,
                dest_ip    VARCHAR,
                dest_port  INTEGER,
                proto      VARCHAR,""";

    /*
     * Country and autonomous system of outside addresses (country, asn, as_org; src_/dest_ in
     * flow) are filled from the bundled tables and NULL for inside or unknown addresses.
     */
    public static final List<String> DDL = List.of(
            // How the run was made (home_net, sensors, version): what a reader needs to interpret the rest.
            "CREATE TABLE IF NOT EXISTS run (key VARCHAR, value VARCHAR)",
            """
            CREATE TABLE IF NOT EXISTS flow (
                flow_id        BIGINT,
                sensor         VARCHAR,
                start_time     TIMESTAMP,
                end_time       TIMESTAMP,
                duration       DOUBLE,
                proto          VARCHAR,
                src_ip         VARCHAR,
                src_port       INTEGER,
                dest_ip        VARCHAR,
                dest_port      INTEGER,
                pkts_toserver  BIGINT,
                pkts_toclient  BIGINT,
                bytes_toserver BIGINT,
                bytes_toclient BIGINT,
                orig_ip_bytes  BIGINT,
                resp_ip_bytes  BIGINT,
                orig_bytes     BIGINT,
                resp_bytes     BIGINT,
                conn_state     VARCHAR,
                history        VARCHAR,
                tcp_flags_ts   INTEGER,
                tcp_flags_tc   INTEGER,
                community_id   VARCHAR,
                reason         VARCHAR,
                capture_file   VARCHAR,
                capture_offset BIGINT,
                app_proto      VARCHAR,
                src_country    VARCHAR,
                src_asn        BIGINT,
                src_as_org     VARCHAR,
                dest_country   VARCHAR,
                dest_asn       BIGINT,
                dest_as_org    VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS sync (
                sync_id       BIGINT,
                ts            TIMESTAMP,
                direction     VARCHAR,
                external_ip   VARCHAR,
                tolerance     DOUBLE,
                hosts         INTEGER,
                hosts_omitted INTEGER
            )""",
            """
            CREATE TABLE IF NOT EXISTS sync_host (
                sync_id   BIGINT,
                host      VARCHAR,
                sensor    VARCHAR,
                src_port  INTEGER,
                dest_port INTEGER,
                proto     VARCHAR,
                "offset"  DOUBLE
            )""",
            """
            CREATE TABLE IF NOT EXISTS evidence (
                ts         TIMESTAMP,
                end_ts     TIMESTAMP,
                host       VARCHAR,
                peer       VARCHAR,
                method     VARCHAR,
                score      DOUBLE,
                summary    VARCHAR,
                refs       VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS verdict (
                host           VARCHAR,
                verdict        VARCHAR,
                score          DOUBLE,
                first_seen     TIMESTAMP,
                last_seen      TIMESTAMP,
                stages         VARCHAR,
                groups         VARCHAR,
                evidence_items INTEGER,
                explanation    VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS verdict_method (
                host     VARCHAR,
                method   VARCHAR,
                strength DOUBLE
            )""",
            """
            CREATE TABLE IF NOT EXISTS verdict_cnc (
                host    VARCHAR,
                cnc     VARCHAR,
                country VARCHAR,
                asn     BIGINT,
                as_org  VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS verdict_evidence (
                host       VARCHAR,
                rank       INTEGER,
                method     VARCHAR,
                peer       VARCHAR,
                score      DOUBLE,
                weighted   DOUBLE,
                count      BIGINT,
                first_seen TIMESTAMP,
                last_seen  TIMESTAMP,
                summary    VARCHAR,
                refs       VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS cnc (
                ip       VARCHAR,
                port     INTEGER,
                proto    VARCHAR,
                ts       TIMESTAMP,
                score    DOUBLE,
                bots     INTEGER,
                evidence VARCHAR,
                country  VARCHAR,
                asn      BIGINT,
                as_org   VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS cnc_bot (
                ip   VARCHAR,
                port INTEGER,
                host VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS group_host (
                group_id VARCHAR,
                host     VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS group_cnc (
                group_id VARCHAR,
                ip       VARCHAR,
                port     INTEGER,
                proto    VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS dns (
            """ + CONNECTION + """
                type       VARCHAR,
                id         INTEGER,
                rrname     VARCHAR,
                rrtype     VARCHAR,
                rcode      VARCHAR,
                answers    VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS http (
            """ + CONNECTION + """
                hostname     VARCHAR,
                url          VARCHAR,
                http_method  VARCHAR,
                user_agent   VARCHAR,
                protocol     VARCHAR,
                status       INTEGER,
                content_type VARCHAR,
                length       BIGINT,
                executable   BOOLEAN,
                request_body_len     BIGINT,
                request_content_type VARCHAR,
                request_body_kind    VARCHAR,
                response_body_len    BIGINT,
                response_body_kind   VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS smtp (
            """ + CONNECTION + """
                trans_depth INTEGER,
                helo        VARCHAR,
                auth        VARCHAR,
                mail_from   VARCHAR,
                rcpt_to     VARCHAR,
                subject     VARCHAR,
                attachments VARCHAR,
                last_reply  VARCHAR,
                tls         BOOLEAN
            )""",
            """
            CREATE TABLE IF NOT EXISTS ftp (
            """ + CONNECTION + """
                "user"     VARCHAR,
                command    VARCHAR,
                arg        VARCHAR,
                reply_code INTEGER,
                reply_msg  VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS irc (
            """ + CONNECTION + """
                direction VARCHAR,
                nick      VARCHAR,
                "user"    VARCHAR,
                "from"    VARCHAR,
                command   VARCHAR,
                value     VARCHAR,
                addl      VARCHAR,
                channel   VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS tls (
            """ + CONNECTION + """
                sni       VARCHAR,
                version   VARCHAR,
                subject   VARCHAR,
                issuerdn  VARCHAR,
                serial    VARCHAR,
                notbefore TIMESTAMP,
                notafter  TIMESTAMP,
                ja3       VARCHAR,
                ja3s      VARCHAR,
                ja4       VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS alert (
            """ + CONNECTION + """
                direction    VARCHAR,
                app_proto    VARCHAR,
                action       VARCHAR,
                gid          INTEGER,
                signature_id BIGINT,
                rev          INTEGER,
                signature    VARCHAR,
                category     VARCHAR,
                severity     INTEGER,
                metadata     VARCHAR,
                app          VARCHAR,
                pcap_file    VARCHAR,
                pcap_offset  BIGINT
            )""",
            """
            CREATE TABLE IF NOT EXISTS event (
                event_type VARCHAR,
                ts         TIMESTAMP,
                sensor     VARCHAR,
                json       VARCHAR
            )""");
}
