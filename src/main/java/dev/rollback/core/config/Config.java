package dev.rollback.core.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/**
 * The stack description ({@code rollback.yml}) after environment overrides. Relative paths are
 * resolved against the directory of the configuration file. {@code notify:} is {@link #notifications()}
 * ({@code notify} is taken by {@link Object}).
 */
public record Config(StackConfig stack, BackupsConfig backups, String stateDir, DatabaseConfig database,
                     DockerConfig docker, HealthConfig health, VerifyConfig verify, GitConfig git,
                     ProxyConfig proxy, DokployConfig dokploy, DigitalOceanConfig digitalocean,
                     MigrationsConfig migrations, ReleasesConfig releases, BlueGreenConfig blueGreen,
                     @JsonProperty("notify") NotifyConfig notifications,
                     @JsonIgnore Path baseDir) {

    public Config {
        backups = backups != null ? backups : new BackupsConfig(null, null, null);
        stateDir = stateDir != null ? stateDir : ".rollback";
        database = database != null ? database : DatabaseConfig.EMPTY;
        docker = docker != null ? docker : new DockerConfig(null, null);
        health = health != null ? health : new HealthConfig(null, null, null);
        verify = verify != null ? verify : new VerifyConfig(null, null, null);
        git = git != null ? git : new GitConfig(null, null, null, null, null, null, null, null, null);
        migrations = migrations != null ? migrations : new MigrationsConfig(null, null);
        releases = releases != null ? releases : new ReleasesConfig(null);
        blueGreen = blueGreen != null ? blueGreen : new BlueGreenConfig(null, null, null);
        notifications = notifications != null ? notifications : NotifyConfig.NONE;
    }

    Config withBaseDir(Path dir) {
        return new Config(stack, backups, stateDir, database, docker, health, verify, git, proxy, dokploy,
            digitalocean, migrations, releases, blueGreen, notifications, dir);
    }

    /** A path from the file, resolved against the file's directory. */
    public Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    public Path stateDirPath() {
        return resolve(stateDir);
    }

    public Path backupsDir() {
        return resolve(backups.dir());
    }

    public Path workdir() {
        return resolve(stack.workdir());
    }
}
