@interface Widget : NSObject <NSCoding> {
  int _count;
}
@property (nonatomic, copy) NSString *title;
- (void)insert:(id)x atIndex:(NSUInteger)i;
+ (instancetype)widget;
@end
@protocol Drawable
- (void)draw;
@end
