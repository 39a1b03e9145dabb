package org.sgdbench.hardware;

import java.io.IOException;
import java.nio.file.Path;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.results.Json;

/** Reads and writes {@code hardware-profiles/<profile-id>.json}. */
public final class HardwareProfiles {
    /** The folder, under an output root, that holds the profiles. */
    public static final String FOLDER = "hardware-profiles";

    private HardwareProfiles() {}

    /** Where the profile with {@code profileId} lives under {@code root}. */
    public static Path path(Path root, String profileId) {
        if (profileId == null || !ProfileIds.VALID.matcher(profileId).matches())
            throw new InvalidSpecException("profileId", profileId, "lower-case letters, digits and single '-'");
        return root.resolve(FOLDER).resolve(profileId + ".json");
    }

    /**
     * Writes {@code profile} to {@code root/hardware-profiles/<profile-id>.json} atomically (a reader sees the old
     * file or the new one, never a torn one), replacing an earlier capture of the same hardware.
     *
     * @return the file written
     */
    public static Path writeProfile(Path root, HardwareProfile profile) throws IOException {
        Path target = path(root, profile.profileId());
        Json.write(target, profile);
        return target;
    }

    public static HardwareProfile read(Path file) throws IOException {
        return Json.read(file, HardwareProfile.class);
    }
}
