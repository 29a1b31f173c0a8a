// The courseware layer: lessons, questions, answer checking, progress.
public enum CoursewareModule {}
