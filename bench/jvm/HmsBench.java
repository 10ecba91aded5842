// The benchmark's JVM client: the raw ThriftHiveMetastore.Client from the pyspark wheel's jars
// (hive-metastore 2.3.10, libthrift 0.16), one socket per client, as Spark, Trino and Hive use it.
// Driven by bench/jvm.py over stdin/stdout, one command a line (fields separated by tabs, lists by
// U+001F); each answer is one line starting with "@@" and holding JSON. Compiled at bench time.
//
//   measure  OP WARMUP REPEAT TARGETS ARGS...   TARGETS: label=host:port,... ; "floor" = a stub
//            that answers each call with the bytes recorded from the first target, from memory
//   throughput HOST:PORT|floor DB TABLE CLIENTS SECONDS
//   quit
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.*;
import org.apache.thrift.transport.*;

public class HmsBench {
  static final String USER = "hbench";
  static final List<String> GROUPS = Collections.singletonList("hbench");

  /** The socket's input as the client reads it: when the first and the last raw bytes of a reply
   *  came off the socket, and (when recording) the bytes themselves. */
  static final class TimedInput extends InputStream {
    final InputStream in;
    long first = -1, last = -1;
    ByteArrayOutputStream record;

    TimedInput(InputStream in) { this.in = in; }

    void reset(boolean rec) { first = last = -1; record = rec ? new ByteArrayOutputStream() : null; }

    private void seen(byte[] b, int off, int n) {
      long now = System.nanoTime();
      if (first < 0) first = now;
      last = now;
      if (record != null) record.write(b, off, n);
    }

    @Override public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) seen(b, off, n);
      return n;
    }

    @Override public int available() throws IOException { return in.available(); }
  }

  static final class Conn implements Closeable {
    final Socket sock;
    final TimedInput timed;
    final ThriftHiveMetastore.Client client;

    Conn(String hostPort) throws Exception {
      int i = hostPort.lastIndexOf(':');
      sock = new Socket(hostPort.substring(0, i), Integer.parseInt(hostPort.substring(i + 1)));
      sock.setTcpNoDelay(true);
      sock.setSoTimeout(600_000);
      timed = new TimedInput(sock.getInputStream());
      TTransport t = new TIOStreamTransport(
          new BufferedInputStream(timed, 65536), new BufferedOutputStream(sock.getOutputStream(), 65536));
      client = new ThriftHiveMetastore.Client(new TBinaryProtocol(t));
      client.set_ugi(USER, GROUPS);
    }

    @Override public void close() throws IOException { sock.close(); }
  }

  /** Answers every call with the reply recorded for its method, its sequence id patched in. */
  static final class Stub implements Closeable {
    final ServerSocket server;
    final Map<String, byte[]> replies = new ConcurrentHashMap<>();
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "stub");
      t.setDaemon(true);
      return t;
    });

    Stub() throws IOException {
      server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
      pool.submit(this::accept);
    }

    String hostPort() { return "127.0.0.1:" + server.getLocalPort(); }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          s.setTcpNoDelay(true);
          pool.submit(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        TTransport t = new TIOStreamTransport(new BufferedInputStream(s.getInputStream(), 65536));
        TBinaryProtocol in = new TBinaryProtocol(t);
        OutputStream out = s.getOutputStream();
        while (true) {
          TMessage m = in.readMessageBegin();
          TProtocolUtil.skip(in, TType.STRUCT);
          in.readMessageEnd();
          byte[] r = replies.get(m.name);
          if (r == null) throw new IllegalStateException("no recorded reply for " + m.name);
          byte[] copy = r.clone();
          int at = 8 + m.name.getBytes(StandardCharsets.UTF_8).length; // version, name length, name
          copy[at] = (byte) (m.seqid >>> 24);
          copy[at + 1] = (byte) (m.seqid >>> 16);
          copy[at + 2] = (byte) (m.seqid >>> 8);
          copy[at + 3] = (byte) m.seqid;
          out.write(copy);
          out.flush();
        }
      } catch (Exception e) {
        // the client went away
      }
    }

    @Override public void close() throws IOException {
      server.close();
      pool.shutdownNow();
    }
  }

  interface Call { Object run(ThriftHiveMetastore.Client c) throws Exception; }

  static final String SEP = "\u001f";

  static List<String> list(String s) { return s.isEmpty() ? new ArrayList<>() : Arrays.asList(s.split(SEP, -1)); }

  /** The operation: (Thrift method name, call, expected result size or -1). */
  static Object[] op(String name, String[] a) {
    switch (name) {
      case "getDatabase": return new Object[] {"get_database", (Call) c -> c.get_database(a[0])};
      case "listDatabases": return new Object[] {"get_all_databases", (Call) c -> c.get_all_databases()};
      case "listTables": return new Object[] {"get_all_tables", (Call) c -> c.get_all_tables(a[0])};
      case "getTable": return new Object[] {"get_table", (Call) c -> c.get_table(a[0], a[1])};
      case "getPartitionNames":
        return new Object[] {"get_partition_names", (Call) c -> c.get_partition_names(a[0], a[1], (short) -1)};
      case "getPartitions":
        return new Object[] {"get_partitions", (Call) c -> c.get_partitions(a[0], a[1], (short) -1)};
      case "getPartitionsByNames": {
        List<String> names = list(a[2]);
        return new Object[] {"get_partitions_by_names", (Call) c -> c.get_partitions_by_names(a[0], a[1], names)};
      }
      case "getPartitionsByFilter":
        return new Object[] {"get_partitions_by_filter",
            (Call) c -> c.get_partitions_by_filter(a[0], a[1], a[2], (short) -1)};
      case "getPartitionsPs": {
        List<String> vals = list(a[2]);
        return new Object[] {"get_partitions_ps", (Call) c -> c.get_partitions_ps(a[0], a[1], vals, (short) -1)};
      }
      case "getPartitionsPspec":
        return new Object[] {"get_partitions_pspec", (Call) c -> c.get_partitions_pspec(a[0], a[1], -1)};
      default: throw new IllegalArgumentException("unknown operation " + name);
    }
  }

  static int size(Object r) { return r instanceof Collection ? ((Collection<?>) r).size() : 1; }

  static String json(Map<String, Object> m) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (b.length() > 1) b.append(',');
      b.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      if (v instanceof Map) {
        @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) v;
        b.append(json(mm));
      } else if (v instanceof List) {
        b.append('[');
        List<?> l = (List<?>) v;
        for (int i = 0; i < l.size(); i++) b.append(i > 0 ? "," : "").append(l.get(i));
        b.append(']');
      } else if (v instanceof String) {
        b.append('"').append(((String) v).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ")).append('"');
      } else {
        b.append(v);
      }
    }
    return b.append('}').toString();
  }

  static double ms(long ns) { return ns / 1e6; }

  static String measure(String[] f) throws Exception {
    String opName = f[1];
    int warmup = Integer.parseInt(f[2]), repeat = Integer.parseInt(f[3]);
    String[] targets = f[4].split(",");
    String[] args = Arrays.copyOfRange(f, 5, f.length);
    Object[] o = op(opName, args);
    String method = (String) o[0];
    Call call = (Call) o[1];
    List<String> labels = new ArrayList<>();
    List<Conn> conns = new ArrayList<>();
    Stub stub = null;
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      for (String t : targets) {
        String[] lv = t.split("=", 2);
        labels.add(lv[0]);
        if (lv[1].equals("floor")) {
          // the floor replays what the first target answered (recorded below, before any sample)
          stub = new Stub();
          Conn src = conns.get(0);
          src.timed.reset(true);
          call.run(src.client);
          stub.replies.put(method, src.timed.record.toByteArray());
          stub.replies.put("set_ugi", setUgiReply(labels.get(0), targets));
          conns.add(new Conn(stub.hostPort()));
        } else {
          conns.add(new Conn(lv[1]));
        }
      }
      int n = conns.size();
      List<List<Double>> lat = new ArrayList<>(), ttfb = new ArrayList<>(), ttlb = new ArrayList<>();
      int[] sizes = new int[n];
      long[] replyBytes = new long[n];
      for (int i = 0; i < n; i++) { lat.add(new ArrayList<>()); ttfb.add(new ArrayList<>()); ttlb.add(new ArrayList<>()); }
      for (int it = 0; it < warmup + repeat; it++) {
        for (int i = 0; i < n; i++) { // interleaved: one sample of each target in turn
          Conn c = conns.get(i);
          c.timed.reset(false);
          long t0 = System.nanoTime();
          Object r = call.run(c.client);
          long t1 = System.nanoTime();
          sizes[i] = size(r);
          if (it >= warmup) {
            lat.get(i).add(ms(t1 - t0));
            ttfb.get(i).add(ms(c.timed.first - t0));
            ttlb.get(i).add(ms(c.timed.last - t0));
          }
        }
      }
      for (int i = 0; i < n; i++) {
        Conn c = conns.get(i);
        c.timed.reset(true);
        call.run(c.client);
        replyBytes[i] = c.timed.record.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", lat.get(i));
        m.put("ttfb", ttfb.get(i));
        m.put("ttlb", ttlb.get(i));
        m.put("size", sizes[i]);
        m.put("reply_bytes", replyBytes[i]);
        out.put(labels.get(i), m);
      }
    } finally {
      for (Conn c : conns) c.close();
      if (stub != null) stub.close();
    }
    return json(out);
  }

  private static final Map<String, byte[]> UGI = new ConcurrentHashMap<>();

  /** A set_ugi reply recorded from the first target (the stub needs one for each new connection). */
  static byte[] setUgiReply(String label, String[] targets) throws Exception {
    String hostPort = targets[0].split("=", 2)[1];
    byte[] r = UGI.get(hostPort);
    if (r == null) {
      try (Conn c = new Conn(hostPort)) {
        c.timed.reset(true);
        c.client.set_ugi(USER, GROUPS);
        r = c.timed.record.toByteArray();
      }
      UGI.put(hostPort, r);
    }
    return r;
  }

  static String throughput(String[] f) throws Exception {
    String target = f[1], db = f[2], tbl = f[3];
    int clients = Integer.parseInt(f[4]);
    double seconds = Double.parseDouble(f[5]);
    Stub stub = null;
    if (target.startsWith("floor=")) { // replay get_table as answered by the server after '='
      String src = target.substring(6);
      stub = new Stub();
      try (Conn c = new Conn(src)) {
        c.timed.reset(true);
        c.client.get_table(db, tbl);
        stub.replies.put("get_table", c.timed.record.toByteArray());
      }
      stub.replies.put("set_ugi", setUgiReply("", new String[] {"x=" + src}));
      target = stub.hostPort();
    }
    int windows = Math.max(1, (int) Math.round(seconds));
    AtomicLongArray counts = new AtomicLongArray(windows);
    List<Conn> conns = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) conns.add(new Conn(target));
      long warm = System.nanoTime() + 1_000_000_000L; // one second of warm-up
      long end = warm + windows * 1_000_000_000L;
      CountDownLatch done = new CountDownLatch(clients);
      AtomicReference<Throwable> err = new AtomicReference<>();
      for (Conn c : conns) {
        Thread t = new Thread(() -> {
          try {
            while (true) {
              c.client.get_table(db, tbl);
              long now = System.nanoTime();
              if (now >= end) break;
              if (now >= warm) counts.incrementAndGet((int) ((now - warm) / 1_000_000_000L));
            }
          } catch (Throwable e) {
            err.set(e);
          } finally {
            done.countDown();
          }
        });
        t.setDaemon(true);
        t.start();
      }
      done.await();
      if (err.get() != null) throw new RuntimeException(err.get());
    } finally {
      for (Conn c : conns) c.close();
      if (stub != null) stub.close();
    }
    List<Long> w = new ArrayList<>();
    for (int i = 0; i < windows; i++) w.add(counts.get(i));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("windows", w);
    return json(out);
  }

  public static void main(String[] argv) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err); // anything a library prints goes to stderr, away from the protocol
    out.println("@@{\"ready\":true}");
    String line;
    while ((line = in.readLine()) != null) {
      String[] f = line.split("\t", -1);
      try {
        if (f[0].equals("quit")) break;
        String res = f[0].equals("measure") ? measure(f) : f[0].equals("throughput") ? throughput(f) : null;
        if (res == null) throw new IllegalArgumentException("unknown command " + f[0]);
        out.println("@@" + res);
      } catch (Throwable e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        out.println("@@" + json(m));
      }
    }
  }
}
