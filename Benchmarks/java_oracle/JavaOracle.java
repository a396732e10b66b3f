// Resolves every name use in Java files with javac itself, for navigation_java.py.
//
// Run with the source launcher: `java JavaOracle.java ROOT SOURCEROOT...`. All .java files under the source
// roots are parsed and attributed once (one JavacTask, so uses across files resolve); then, for each line
// `{"file": REL}` on stdin, it writes one line: a JSON list of the uses in that file, each with its name,
// line, column (1-based, of the name), whether it is a member (`a.b`), and its target: the relative file,
// line, column and element kind of the declaring name, and whether it is a local or parameter. A use whose
// element has no tree in the compiled sources (the JDK, a package) gets no target. `{"all": true}` answers
// with the uses of every file, each with its `file`, for references.
import com.sun.source.tree.*;
import com.sun.source.util.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import javax.lang.model.element.*;
import javax.tools.*;

public class JavaOracle {
  public static void main(String[] args) throws Exception {
    Path root = Paths.get(args[0]).toRealPath();
    List<File> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      try (Stream<Path> walk = Files.walk(root.resolve(args[i]))) {
        walk.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("module-info.java"))
            .forEach(p -> files.add(p.toFile()));
      }
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    DiagnosticListener<JavaFileObject> quiet = d -> {};
    // JAVAC_OPTIONS adds javac options: `--patch-module java.xml=ROOT/java.xml` compiles a JDK module's own sources.
    List<String> options = new ArrayList<>(List.of("-proc:none", "-Xlint:none"));
    String extra = System.getenv("JAVAC_OPTIONS");
    if (extra != null && !extra.isBlank()) options.addAll(Arrays.asList(extra.trim().split("\\s+")));
    JavacTask task = (JavacTask) compiler.getTask(null, fm, quiet, options, null,
        fm.getJavaFileObjectsFromFiles(files));
    List<CompilationUnitTree> units = new ArrayList<>();
    task.parse().forEach(units::add);
    task.analyze();
    Trees trees = Trees.instance(task);
    SourcePositions positions = trees.getSourcePositions();
    Map<String, CompilationUnitTree> byPath = new HashMap<>();
    for (CompilationUnitTree unit : units) {
      byPath.put(root.relativize(Paths.get(unit.getSourceFile().toUri()).toRealPath()).toString(), unit);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    String line;
    while ((line = in.readLine()) != null) {
      if (line.contains("\"all\"")) {
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, CompilationUnitTree> entry : new TreeMap<>(byPath).entrySet()) {
          String uses = uses(entry.getValue(), root, trees, positions, entry.getKey());
          if (uses.length() > 2) all.add(uses.substring(1, uses.length() - 1));
        }
        out.println("[" + String.join(",", all) + "]");
        continue;
      }
      String rel = line.replaceAll("^.*\"file\"\\s*:\\s*\"", "").replaceAll("\".*$", "");
      CompilationUnitTree unit = byPath.get(rel);
      if (unit == null) {
        out.println("[]");
        continue;
      }
      out.println(uses(unit, root, trees, positions, null));
    }
  }

  static String uses(CompilationUnitTree unit, Path root, Trees trees, SourcePositions positions, String file) throws IOException {
    String text = unit.getSourceFile().getCharContent(true).toString();
    LineMap lines = unit.getLineMap();
    List<String> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void v) {
        record(node.getName().toString(), positions.getStartPosition(unit, node), false);
        return super.visitIdentifier(node, v);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void v) {
        long end = positions.getEndPosition(unit, node);
        String name = node.getIdentifier().toString();
        record(name, end - name.length(), true);
        return super.visitMemberSelect(node, v);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void v) {
        long end = positions.getEndPosition(unit, node);
        String name = node.getName().toString();
        if (!name.equals("<init>")) record(name, end - name.length(), true);
        return super.visitMemberReference(node, v);
      }

      void record(String name, long at, boolean member) {
        if (at < 0 || name.equals("this") || name.equals("super") || name.equals("class") || name.equals("*")) return;
        if (at + name.length() > text.length() || !text.startsWith(name, (int) at)) return;
        Element element = trees.getElement(getCurrentPath());
        if (element == null) return;
        StringBuilder use = new StringBuilder();
        use.append("{");
        if (file != null) use.append("\"file\":\"").append(file).append("\",");
        use.append("\"name\":\"").append(name).append("\",\"line\":").append(lines.getLineNumber(at))
            .append(",\"column\":").append(lines.getColumnNumber(at)).append(",\"member\":").append(member);
        String target = target(element, root, trees);
        if (target != null) use.append(",\"target\":").append(target);
        found.add(use.append("}").toString());
      }
    }.scan(unit, null);
    return "[" + String.join(",", found) + "]";
  }

  /// Where `element` is declared, as JSON; null when no compiled source declares it.
  static String target(Element element, Path root, Trees trees) {
    TreePath path = trees.getPath(element);
    if (path == null) return null;
    CompilationUnitTree unit = path.getCompilationUnit();
    Tree decl = path.getLeaf();
    SourcePositions positions = trees.getSourcePositions();
    long from = positions.getStartPosition(unit, decl);
    String name = element.getSimpleName().toString();
    if (element.getKind() == ElementKind.CONSTRUCTOR) name = element.getEnclosingElement().getSimpleName().toString();
    try {
      String text = unit.getSourceFile().getCharContent(true).toString();
      // The declaring name: after the modifiers and (for a variable or method) the type.
      if (decl instanceof VariableTree var && var.getType() != null && positions.getEndPosition(unit, var.getType()) > from) {
        from = positions.getEndPosition(unit, var.getType());
      } else if (decl instanceof MethodTree m && m.getReturnType() != null) {
        from = positions.getEndPosition(unit, m.getReturnType());
      } else if (decl instanceof ClassTree c && positions.getEndPosition(unit, c.getModifiers()) > from) {
        from = positions.getEndPosition(unit, c.getModifiers());
      } else if (decl instanceof MethodTree m && positions.getEndPosition(unit, m.getModifiers()) > from) {
        from = positions.getEndPosition(unit, m.getModifiers());
      }
      int at = indexOfWord(text, name, (int) Math.max(0, from));
      long end = positions.getEndPosition(unit, decl);
      if (at < 0 || (end > 0 && at >= end)) {
        // `Object m_map[]`: the array type ends after the name, so look from the declaration's start.
        at = indexOfWord(text, name, (int) Math.max(0, positions.getStartPosition(unit, decl)));
        if (decl instanceof VariableTree var && positions.getEndPosition(unit, var.getModifiers()) > 0) {
          at = indexOfWord(text, name, (int) positions.getEndPosition(unit, var.getModifiers()));
        }
      }
      if (at < 0) at = (int) positions.getStartPosition(unit, decl);
      String rel = root.relativize(Paths.get(unit.getSourceFile().toUri()).toRealPath()).toString();
      ElementKind kind = element.getKind();
      boolean local = kind == ElementKind.LOCAL_VARIABLE || kind == ElementKind.PARAMETER || kind == ElementKind.EXCEPTION_PARAMETER
          || kind == ElementKind.RESOURCE_VARIABLE || kind.name().equals("BINDING_VARIABLE");
      return "{\"file\":\"" + rel + "\",\"line\":" + unit.getLineMap().getLineNumber(at) + ",\"column\":"
          + unit.getLineMap().getColumnNumber(at) + ",\"kind\":\"" + kind.name().toLowerCase()
          + "\",\"local\":" + local + "}";
    } catch (IOException e) {
      return null;
    }
  }

  static int indexOfWord(String text, String word, int from) {
    int at = text.indexOf(word, from);
    while (at >= 0) {
      boolean before = at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1));
      int end = at + word.length();
      boolean after = end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
      if (before && after) return at;
      at = text.indexOf(word, at + 1);
    }
    return -1;
  }
}
