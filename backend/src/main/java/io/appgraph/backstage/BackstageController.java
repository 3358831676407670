package io.appgraph.backstage;

import java.util.Map;

import io.appgraph.dependencies.DependencySource;
import io.appgraph.dependencies.ImportRefusedException;
import io.appgraph.dependencies.ImportReport;
import io.appgraph.dependencies.Imports;
import io.appgraph.dependencies.YamlDocuments;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Backstage's catalog in and out:
 * <ul>
 * <li>{@code POST /api/import/backstage}: entity YAML, one entity per document (as in
 * {@code catalog-info.yaml} files, or a {@code List} of them). One transaction: a broken
 * document refuses the batch with 400 and the problems, each naming its document;
 * {@code ?dryRun=true} answers what would change without changing it; importing the same
 * catalog again changes nothing.</li>
 * <li>{@code GET /api/export/backstage}: the whole catalog as entity YAML, streamed.</li>
 * </ul>
 */
@RestController
final class BackstageController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final BackstageImport backstage;

    private final BackstageExport export;

    private final Imports imports;

    BackstageController(BackstageImport backstage, BackstageExport export, Imports imports) {
        this.backstage = backstage;
        this.export = export;
        this.imports = imports;
    }

    @PostMapping(path = "/api/import/backstage", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> importCatalog(@RequestBody(required = false) byte[] body,
            @RequestParam(name = "dryRun", required = false) String dryRun) {
        try {
            ImportReport report = new ImportReport(DependencySource.BACKSTAGE, Imports.dryRun(dryRun), 0);
            BackstageCatalog catalog = new BackstageCatalog();
            int[] documents = { 0 };
            YamlDocuments.each(Imports.nonEmpty(body, "Backstage entity YAML"), true, (index, document) -> {
                documents[0] = index + 1;
                catalog.read(index, document, report);
            });
            Imports.refuseIfAny("Invalid Backstage catalog", catalog.problems());
            report.documents(documents[0]);
            return this.imports.run(report, tx -> this.backstage.write(tx, catalog, report));
        }
        catch (ImportRefusedException ex) {
            return Imports.refused(ex);
        }
    }

    @GetMapping(path = "/api/export/backstage")
    ResponseEntity<StreamingResponseBody> exportCatalog() {
        return ResponseEntity.ok()
            .contentType(YAML)
            .header("Content-Disposition", "inline; filename=\"catalog-info.yaml\"")
            .body(this.export::write);
    }

}
